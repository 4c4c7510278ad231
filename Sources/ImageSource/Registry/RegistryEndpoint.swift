import Foundation

/// Where a registry is and how to talk to it: base URL, display name, plain-http permission.
public struct RegistryEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The configured name (or the host for `registry://` references): what messages name.
    public var name: String
    /// `https` or `http`.
    public var scheme: String
    /// Host as written (`registry.example.com`, `127.0.0.1`); `docker.io` becomes `registry-1.docker.io`.
    public var host: String
    public var port: Int?

    /// Parses `https://host[:port]`, `http://host[:port]` or a bare `host[:port]`.
    ///
    /// A bare host uses https, except loopback hosts (as Docker allows for localhost) and when
    /// `insecure` is set. An explicit `http://` to a non-loopback host needs `insecure`.
    public init(name: String? = nil, url text: String, insecure: Bool = false) throws(RegistryError) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var explicitScheme: String?
        for candidate in ["https://", "http://"] where rest.lowercased().hasPrefix(candidate) {
            explicitScheme = String(candidate.dropLast(3))
            rest = rest.dropFirst(candidate.count)
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        let display = name ?? String(rest)
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("?") else {
            throw RegistryError(.invalidConfiguration("'\(text)' is not a registry address such as https://host[:port]"), registry: display, operation: "read the registry address")
        }
        var hostPart = String(rest)
        var port: Int?
        if let colon = hostPart.lastIndex(of: ":"), !hostPart.hasSuffix("]") {
            guard let number = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(number) else {
                throw RegistryError(.invalidConfiguration("the port in '\(text)' is not a number from 1 to 65535"), registry: display, operation: "read the registry address")
            }
            port = number
            hostPart = String(hostPart[..<colon])
        }
        let host = hostPart.lowercased()
        let loopback = Self.isLoopback(host)
        let scheme = explicitScheme ?? ((loopback || insecure) ? "http" : "https")
        if scheme == "http" && !loopback && !insecure {
            throw RegistryError(.invalidConfiguration("plain http to a non-loopback host needs 'insecure: true'"), registry: display, operation: "read the registry address")
        }
        self.name = display
        self.scheme = scheme
        self.host = ["docker.io", "index.docker.io"].contains(host) ? "registry-1.docker.io" : host
        self.port = port
    }

    /// `host` or `host:port` as it appears in references and in `~/.docker/config.json`.
    public var authority: String {
        port.map { "\(host):\($0)" } ?? host
    }

    /// True for Docker Hub, whose one-component repository names live under `library/`.
    public var isDockerHub: Bool { host == "registry-1.docker.io" }

    /// `scheme://authority/v2/` + `path`.
    func url(_ path: String, query: [URLQueryItem] = []) -> URL? {
        var components = URLComponents()
        components.scheme = scheme
        components.host = host
        components.port = port
        components.percentEncodedPath = "/v2/" + path
        if !query.isEmpty { components.queryItems = query }
        return components.url
    }

    public var description: String { name }

    /// `localhost`, `127.0.0.0/8` and `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" || bare.hasSuffix(".localhost") { return true }
        let parts = bare.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
