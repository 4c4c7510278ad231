import Foundation

/// A username and secret for one registry. Its description names where it came from, never the secret.
public struct RegistryCredentials: Sendable, Hashable, CustomStringConvertible {
    /// What proves the identity.
    public enum Secret: Sendable, Hashable {
        case password(String)
        /// An OAuth2 refresh token (`identitytoken` in `~/.docker/config.json`, or a helper's `<token>` user).
        case identityToken(String)
    }

    public var username: String
    public var secret: Secret
    /// Where they came from, for messages: `environment variables A/B`, `~/.docker/config.json`.
    public var origin: String

    public init(username: String, secret: Secret, origin: String) {
        self.username = username
        self.secret = secret
        self.origin = origin
    }

    /// `Basic base64(user:password)`; nil for an identity token.
    var basicAuthorization: String? {
        guard case .password(let password) = secret else { return nil }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    public var description: String { "credentials from \(origin)" }
}

/// Finds credentials the way `docker` does, after the environment variables the configuration names.
///
/// Order: the configured environment variables; then `~/.docker/config.json` (`$DOCKER_CONFIG` when set):
/// `credHelpers[host]`, else `credsStore`, through the `docker-credential-<name> get` protocol, then
/// `auths[host]`; else anonymous (nil).
public struct CredentialResolver: Sendable {
    public var usernameVariable: String?
    public var passwordVariable: String?
    public var environment: [String: String]
    /// The docker configuration file; nil to skip it.
    public var dockerConfigPath: String?

    public init(usernameVariable: String? = nil, passwordVariable: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                dockerConfigPath: String? = CredentialResolver.defaultDockerConfigPath()) {
        self.usernameVariable = usernameVariable
        self.passwordVariable = passwordVariable
        self.environment = environment
        self.dockerConfigPath = dockerConfigPath
    }

    /// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    public static func defaultDockerConfigPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let folder = environment["DOCKER_CONFIG"], !folder.isEmpty { return folder + "/config.json" }
        guard let home = environment["HOME"] ?? (NSHomeDirectory() as String?) else { return nil }
        return home + "/.docker/config.json"
    }

    /// The credentials for `endpoint`, or nil for anonymous access.
    public func credentials(for endpoint: RegistryEndpoint) throws(RegistryError) -> RegistryCredentials? {
        if let userVar = usernameVariable, let passVar = passwordVariable,
           let user = environment[userVar], let password = environment[passVar], !password.isEmpty {
            return RegistryCredentials(username: user, secret: .password(password), origin: "environment variables \(userVar)/\(passVar)")
        }
        guard let path = dockerConfigPath, FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
              let config = try? JSONDecoder().decode(DockerConfigFile.self, from: data) else {
            throw RegistryError(.invalidConfiguration("'\(path)' is not a readable docker configuration"), registry: endpoint.name, operation: "read credentials")
        }
        let serverURL = endpoint.isDockerHub ? "https://index.docker.io/v1/" : endpoint.authority
        let helper = config.credHelpers?.first { Self.authority(ofKey: $0.key) == Self.configKey(endpoint) }?.value ?? config.credsStore
        if let helper, !helper.isEmpty, let found = try CredentialHelper(name: helper, environment: environment).get(serverURL: serverURL, registry: endpoint.name) {
            return found
        }
        for (key, entry) in config.auths ?? [:] where Self.authority(ofKey: key) == Self.configKey(endpoint) {
            if let token = entry.identitytoken, !token.isEmpty {
                return RegistryCredentials(username: entry.username ?? "", secret: .identityToken(token), origin: path)
            }
            if let user = entry.username, let password = entry.password, !password.isEmpty {
                return RegistryCredentials(username: user, secret: .password(password), origin: path)
            }
            if let auth = entry.auth, let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
               let colon = decoded.firstIndex(of: ":") {
                return RegistryCredentials(username: String(decoded[..<colon]), secret: .password(String(decoded[decoded.index(after: colon)...])), origin: path)
            }
        }
        return nil
    }

    /// The authority a config key stands for: `https://index.docker.io/v1/` → `index.docker.io`.
    static func authority(ofKey key: String) -> String {
        var text = Substring(key.lowercased())
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        let authority = String(text.prefix { $0 != "/" })
        return ["docker.io", "registry-1.docker.io"].contains(authority) ? "index.docker.io" : authority
    }

    static func configKey(_ endpoint: RegistryEndpoint) -> String {
        endpoint.isDockerHub ? "index.docker.io" : endpoint.authority
    }
}

/// The parts of `~/.docker/config.json` that hold credentials.
struct DockerConfigFile: Decodable {
    struct Auth: Decodable {
        var auth: String?
        var username: String?
        var password: String?
        var identitytoken: String?
    }
    var auths: [String: Auth]?
    var credHelpers: [String: String]?
    var credsStore: String?
}

/// Runs `docker-credential-<name> get`: the server URL on stdin, `{"Username","Secret"}` on stdout.
struct CredentialHelper {
    let name: String
    /// The helper runs with this environment (its PATH finds it).
    let environment: [String: String]

    private struct Answer: Decodable {
        var Username: String
        var Secret: String
    }

    func get(serverURL: String, registry: String) throws(RegistryError) -> RegistryCredentials? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw RegistryError(.invalidConfiguration("the credential helper name '\(name)' is not valid"), registry: registry, operation: "read credentials")
        }
        let program = "docker-credential-" + name
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program, "get"]
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw RegistryError(.authentication("the credential helper '\(program)' could not be started"), registry: registry, operation: "read credentials")
        }
        input.fileHandleForWriting.write(Data(serverURL.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // "credentials not found": anonymous, as docker does. Its stderr is not repeated: it may echo input.
            if process.terminationStatus == 127 {
                throw RegistryError(.authentication("the credential helper '\(program)' is not installed"), registry: registry, operation: "read credentials")
            }
            return nil
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: data) else {
            throw RegistryError(.authentication("the credential helper '\(program)' gave an answer that is not JSON with Username and Secret"), registry: registry, operation: "read credentials")
        }
        guard !answer.Secret.isEmpty else { return nil }
        if answer.Username == "<token>" {
            return RegistryCredentials(username: "", secret: .identityToken(answer.Secret), origin: program)
        }
        return RegistryCredentials(username: answer.Username, secret: .password(answer.Secret), origin: program)
    }
}
