import Foundation
import ImageSource
import Pipeline
import Store
import Testing

/// Basic (htpasswd) and token authentication against a real registry; credential sources; redirects.
@Suite(.serialized) struct RegistryAuthTests {
    static let user = "scout"
    static let password = "s3cret-Pw-4711"

    @Test func htpasswdCredentialsFromTheEnvironmentAndAWrongPassword() throws {
        let images = try TestImages()
        defer { images.remove() }
        try images.derive(tag: "app-1", content: "hello\n")
        let registry = try TestRegistry(auth: .htpasswd(user: Self.user, password: Self.password))
        defer { registry.stop() }
        try registry.push(layout: images.layout, tag: "app-1", to: "team/app:1", credentials: "\(Self.user):\(Self.password)")
        let app = try registry.remote("team/app:1", credentials: "\(Self.user):\(Self.password)")
        let yaml = """
            registries:
              - name: secure
                url: \(registry.address)
                username-env: SCOUT_TEST_USER
                password-env: SCOUT_TEST_PASSWORD
            repositories:
              - name: team/app
                registry: secure
            """

        let good = try JobFolder()
        defer { good.remove() }
        let outcome = try good.run(yaml, variables: ["SCOUT_TEST_USER": Self.user, "SCOUT_TEST_PASSWORD": Self.password])
        #expect(outcome.imagesAnalysed == 1, "\(outcome.warnings.map(\.message))")
        #expect(try good.store().hasImage(digest: app.manifestDigest))
        #expect(good.allWrittenBytes().range(of: Data(Self.password.utf8)) == nil, "the password reached the store or the site")

        let wrongPassword = "wrong-Pw-0815"
        let bad = try JobFolder()
        defer { bad.remove() }
        let lines = LockedLines()
        let refused = try bad.run(yaml, variables: ["SCOUT_TEST_USER": Self.user, "SCOUT_TEST_PASSWORD": wrongPassword], log: { lines.append($0) })
        #expect(refused.imagesAnalysed == 0)
        #expect(refused.imagesFailed == 1)
        let message = try #require(refused.warnings.first?.message)
        #expect(message == "Failed to list the tags of 'team/app' on registry 'secure': the credentials were refused (HTTP 401); check the username and password configured for it.")
        #expect(try bad.store().imageCount() == 0, "nothing is stored")
        for text in [message] + lines.all {
            #expect(!text.contains(wrongPassword) && !text.contains(Self.password))
        }
        #expect(bad.allWrittenBytes().range(of: Data(wrongPassword.utf8)) == nil)
    }

    @Test func dockerConfigAuthsAndCredentialHelpers() throws {
        let registry = try TestRegistry(auth: .htpasswd(user: Self.user, password: Self.password))
        defer { registry.stop() }
        let images = try TestImages()
        defer { images.remove() }
        try registry.push(layout: images.layout, tag: "base", to: "base:1", credentials: "\(Self.user):\(Self.password)")
        let folder = try JobFolder()
        defer { folder.remove() }
        let endpoint = try RegistryEndpoint(url: registry.address)

        // auths: base64 user:password, keyed by host:port.
        let configFile = folder.folder.appendingPathComponent("config.json")
        let auth = Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        try Data(#"{"auths":{"http://\#(registry.address)":{"auth":"\#(auth)"}}}"#.utf8).write(to: configFile)
        let fromAuths = RegistryClient(endpoint: endpoint, credentials: CredentialResolver(environment: [:], dockerConfigPath: configFile.path))
        #expect(try fromAuths.tags(of: "base") == ["1"])

        // credHelpers: a real docker-credential-* program speaking the helper protocol on stdin/stdout.
        let bin = folder.folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let helper = bin.appendingPathComponent("docker-credential-scouttest")
        try Data("""
            #!/bin/sh
            read server
            if [ "$1" = get ] && [ "$server" = "\(registry.address)" ]; then
              printf '{"ServerURL":"%s","Username":"\(Self.user)","Secret":"\(Self.password)"}' "$server"
            else
              echo "credentials not found in native keychain"; exit 1
            fi

            """.utf8).write(to: helper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
        try Data(#"{"auths":{},"credHelpers":{"\#(registry.address)":"scouttest"}}"#.utf8).write(to: configFile)
        let environment = ["PATH": bin.path + ":/usr/bin:/bin"]
        let resolver = CredentialResolver(environment: environment, dockerConfigPath: configFile.path)
        #expect(try resolver.credentials(for: endpoint)?.origin == "docker-credential-scouttest")
        #expect(try RegistryClient(endpoint: endpoint, credentials: resolver).tags(of: "base") == ["1"])

        // credsStore answering "not found": anonymous, and the registry says credentials are needed.
        try Data(#"{"credsStore":"scouttest"}"#.utf8).write(to: configFile)
        let other = try RegistryEndpoint(url: "127.0.0.1:1")
        #expect(try resolver.credentials(for: other) == nil)
        let anonymous = RegistryClient(endpoint: endpoint, credentials: CredentialResolver(environment: [:], dockerConfigPath: nil))
        let error = #expect(throws: RegistryError.self) { try anonymous.tags(of: "base") }
        #expect(error?.reason == .unauthorized(status: 401, hadCredentials: false))
    }

    /// A registry that redirects blob downloads to another host: the redirect is followed, the
    /// Range header kept, and the credentials are not sent there.
    @Test func redirectsToBlobStorageCarryNoCredentials() throws {
        let images = try TestImages()
        defer { images.remove() }
        try images.derive(tag: "app-1", content: "redirected\n")
        let registry = try TestRegistry(auth: .htpasswd(user: Self.user, password: Self.password))
        defer { registry.stop() }
        try registry.push(layout: images.layout, tag: "app-1", to: "app:1", credentials: "\(Self.user):\(Self.password)")
        let proxy = try TestProxy(upstream: registry, arguments: ["--redirect-blobs", "--upstream-auth", "\(Self.user):\(Self.password)"])
        defer { proxy.stop() }
        let resolver = CredentialResolver(usernameVariable: "U", passwordVariable: "P", environment: ["U": Self.user, "P": Self.password], dockerConfigPath: nil)
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: proxy.address), credentials: resolver)
        let image = try RegistryImage.open(client: client, repository: "app", reference: "1", platform: nil)
        let read = try image.readLayers(wants: { $0 == "lib/apk/db/installed" || $0 == "app/hello.txt" })
        #expect(read.warnings.isEmpty)
        #expect(read.layers.count == 2)
        #expect(read.layers[1].files["app/hello.txt"].map { String(decoding: $0, as: UTF8.self) } == "redirected\n")
        let log = try proxy.entries()
        let storage = log.filter { $0.host == "127.0.0.2" }
        #expect(storage.count >= 3, "config and two layers were served by the other host")
        #expect(storage.allSatisfy { !$0.auth }, "credentials were forwarded to another host")
        let redirects = log.filter { $0.host == "127.0.0.1" && $0.status == 307 }
        #expect(!redirects.isEmpty && redirects.allSatisfy { $0.auth })
    }

    /// Token auth: distribution trusts a certificate made here; a token issuer started by the test
    /// signs JWTs with its key. Tokens are fetched with the credentials, per scope, and again when they expire.
    @Test func bearerTokensFromAnIssuerAreFetchedAndRefreshed() throws {
        let folder = try JobFolder()
        defer { folder.remove() }
        let key = folder.folder.appendingPathComponent("key.pem"), cert = folder.folder.appendingPathComponent("cert.pem")
        try TestProcess.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path,
                                                 "-out", cert.path, "-days", "1", "-subj", "/CN=scout-test-issuer"])
        let issuerLog = folder.folder.appendingPathComponent("issuer.log")
        let issuer = try TestProcess(name: "token_issuer.py", executable: "/usr/bin/env", arguments: [
            "python3", Fixtures.registry("token_issuer.py"), "--key", key.path, "--cert", cert.path, "--issuer", "scout-test-issuer",
            "--users", "alice:wonderland", "--expires", "3", "--log", issuerLog.path,
        ])
        defer { issuer.stop() }
        let issuerPort = try issuer.announcedPort()
        let registry = try TestRegistry(auth: .token(realm: "http://127.0.0.1:\(issuerPort)/token", service: "scout-test-registry",
                                                     issuer: "scout-test-issuer", certificate: cert.path))
        defer { registry.stop() }
        let images = try TestImages()
        defer { images.remove() }
        try registry.push(layout: images.layout, tag: "base", to: "library/alpine:3.11", credentials: "alice:wonderland")

        let resolver = CredentialResolver(usernameVariable: "U", passwordVariable: "P", environment: ["U": "alice", "P": "wonderland"], dockerConfigPath: nil)
        // Small windows: the 5.6 MB layer streams in many ranged requests.
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: resolver,
                                    options: RegistryClient.Options(windowSize: 256 << 10))
        #expect(try client.tags(of: "library/alpine") == ["3.11"])
        let image = try RegistryImage.open(client: client, repository: "library/alpine", reference: "3.11", platform: nil)
        let read = try image.readLayers(wants: { $0 == "lib/apk/db/installed" })
        #expect(read.warnings.isEmpty)
        #expect(read.layers.first?.files["lib/apk/db/installed"]?.isEmpty == false)
        let pushed = try registry.remote("library/alpine:3.11", credentials: "alice:wonderland")
        #expect((client.statistics.blobGets[pushed.layers[0]] ?? 0) > 5)
        let issued = try String(contentsOf: issuerLog, encoding: .utf8).split(separator: "\n")
        #expect(issued.allSatisfy { $0.contains("\"account\": \"alice\"") })
        #expect(issued.contains { $0.contains("repository:library/alpine:pull") })

        // After expiry (3 s, refreshed at half-life), the next request first gets a new token: no 401 round trip.
        Thread.sleep(forTimeInterval: 1.7)
        let before = client.statistics
        _ = try client.resolveDigest(repository: "library/alpine", reference: "3.11")
        let after = client.statistics
        #expect(after.tokenRequests == before.tokenRequests + 1)
        #expect(after.requests == before.requests + 2, "token request + HEAD, without a refused request first")

        let anonymous = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil))
        let error = #expect(throws: RegistryError.self) { try anonymous.tags(of: "library/alpine") }
        #expect(error?.reason == .unauthorized(status: 401, hadCredentials: false))
        let wrong = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address),
                                   credentials: CredentialResolver(usernameVariable: "U", passwordVariable: "P", environment: ["U": "alice", "P": "nope"], dockerConfigPath: nil))
        let refused = #expect(throws: RegistryError.self) { try wrong.tags(of: "library/alpine") }
        #expect(refused?.reason == .unauthorized(status: 401, hadCredentials: true))
        #expect(refused?.description.contains("nope") == false)
    }
}

/// Lines logged from the job, collected across threads.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}
