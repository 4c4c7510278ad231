import Foundation
@testable import ImageSource
import Pipeline
import Store
import Testing

/// Issue 18: registries that lie, loop, echo secrets, trickle or flood (`hostile_registry.py`).
@Suite(.serialized) struct HostileRegistryTests {
    static let user = "scout"
    static let password = "s3cret-Pw-4711"
    static var basic: String { Data("\(user):\(password)".utf8).base64EncodedString() }
    static let token = "tok-ECHOED-7f3a"

    static func credentials() -> CredentialResolver {
        CredentialResolver(usernameVariable: "U", passwordVariable: "P", environment: ["U": user, "P": password], dockerConfigPath: nil)
    }

    /// Point 4: a loopback http registry whose Bearer realm is http on another host (127.0.0.2) never
    /// gets the Basic credentials sent there; anonymous tokens from it still work.
    @Test func aPlainHTTPTokenRealmOnAnotherHostGetsNoCredentials() throws {
        let registry = try HostileRegistry(mode: "realm-elsewhere")
        defer { registry.stop() }
        let endpoint = try RegistryEndpoint(url: registry.address)
        let client = RegistryClient(endpoint: endpoint, credentials: Self.credentials())
        let error = #expect(throws: RegistryError.self) { try client.tags(of: "app") }
        #expect(error?.description.contains("plain http on another host") == true, "\(String(describing: error))")
        let realmRequests = registry.requests.filter { $0.host == "127.0.0.2" }
        #expect(realmRequests.allSatisfy { $0.auth == nil }, "credentials went to \(realmRequests)")
        #expect(!registry.requests.contains { $0.auth?.contains(Self.basic) == true && $0.host != "127.0.0.1" })

        let anonymous = RegistryClient(endpoint: endpoint, credentials: CredentialResolver(environment: [:], dockerConfigPath: nil))
        #expect(try anonymous.tags(of: "app") == ["1"])
        #expect(registry.requests.contains { $0.host == "127.0.0.2" && $0.auth == nil })
    }

    @Test func plainHTTPRealmsAreTrustedOnlyOnTheLoopbackRegistryItself() throws {
        let loopback = try RegistryEndpoint(url: "127.0.0.1:5000")
        let remote = try RegistryEndpoint(url: "http://registry.internal:5000", insecure: true)
        #expect(RegistryAuthenticator.mayReceiveCredentialsOverHTTP(realmHost: "127.0.0.1", endpoint: loopback))
        #expect(!RegistryAuthenticator.mayReceiveCredentialsOverHTTP(realmHost: "127.0.0.2", endpoint: loopback))
        #expect(!RegistryAuthenticator.mayReceiveCredentialsOverHTTP(realmHost: "auth.example", endpoint: loopback))
        #expect(!RegistryAuthenticator.mayReceiveCredentialsOverHTTP(realmHost: "registry.internal", endpoint: remote))
        #expect(!RegistryAuthenticator.mayReceiveCredentialsOverHTTP(realmHost: nil, endpoint: loopback))
    }

    /// Point 11: a tag list whose `Link: rel="next"` points at itself, holding 3,000 copies of one
    /// tag, is read once, and the one tag is resolved with one HEAD request.
    @Test func aSelfLinkingTagListWithDuplicateTagsIsReadOnce() throws {
        let registry = try HostileRegistry(mode: "self-link")
        defer { registry.stop() }
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil))
        #expect(try client.tags(of: "app") == ["1"])
        #expect(registry.requests.filter { $0.path.contains("/tags/list") }.count == 1)

        let folder = try JobFolder()
        defer { folder.remove() }
        _ = try folder.run("""
            registries:
              - name: hostile
                url: \(registry.address)
                catalog: false
            repositories:
              - name: app
                registry: hostile
            """)
        let heads = registry.requests.filter { $0.method == "HEAD" && $0.path.contains("/manifests/") }
        #expect(heads.count == 1, "\(heads.count) HEAD requests for one distinct tag")
        #expect(registry.requests.filter { $0.path.contains("/tags/list") }.count == 2, "one listing per client, the loop not followed")
    }

    /// Point 13: a registry that echoes `Authorization` in its error message (Basic, then Bearer)
    /// gets neither the password, the Basic header nor the token onto stderr, into the store or the site;
    /// control and bidi characters are dropped and the message is bounded.
    @Test(arguments: ["echo-basic", "echo-bearer"])
    func echoedSecretsAreRedactedEverywhere(mode: String) throws {
        let registry = try HostileRegistry(mode: mode)
        defer { registry.stop() }
        let folder = try JobFolder()
        defer { folder.remove() }
        let lines = LockedLines()
        let outcome = try folder.run("""
            registries:
              - name: echo
                url: \(registry.address)
                username-env: U
                password-env: P
                catalog: false
            repositories:
              - name: app
                registry: echo
            """, variables: ["U": Self.user, "P": Self.password], log: { lines.append($0) })
        #expect(registry.requests.contains { $0.auth != nil }, "the registry saw the credentials it echoes")
        let message = try #require(outcome.warnings.first?.message)
        #expect(message.contains("DENIED: denied: you sent Authorization: \(mode == "echo-basic" ? "Basic" : "Bearer") [redacted]"), "\(message)")
        #expect(message.count < 400)
        let secrets = [Self.password, Self.basic, Self.token]
        for text in [message] + lines.all {
            for secret in secrets { #expect(!text.contains(secret), "'\(secret)' in: \(text)") }
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        }
        let written = folder.allWrittenBytes()
        #expect(written.count > 0)
        for secret in secrets { #expect(written.range(of: Data(secret.utf8)) == nil, "'\(secret)' reached the store or the site") }
        let settings = try String(contentsOf: folder.folder.appendingPathComponent("site/settings.html"), encoding: .utf8)
        #expect(settings.contains("[redacted]"))
    }

    /// Point 9: a manifest that never ends (chunked, no Content-Length) is refused once it passes
    /// the 4 MiB manifest limit, while it arrives: the client never holds much more than that.
    @Test(.timeLimit(.minutes(1)))
    func aManifestThatNeverEndsIsRefusedWhileItArrives() throws {
        let registry = try HostileRegistry(mode: "huge-manifest")
        defer { registry.stop() }
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil))
        let error = #expect(throws: RegistryError.self) { try client.manifest(repository: "app", reference: "1") }
        #expect(error?.description.contains("larger than allowed") == true, "\(String(describing: error))")
        #expect(client.statistics.peakBufferedBytes <= 5 << 20, "\(client.statistics.peakBufferedBytes) bytes buffered")
    }

    /// Headers that never end (64 MiB of header lines, no blank line) are refused once 256 KiB arrived,
    /// long before the request's deadline: the client never holds them all.
    @Test(.timeLimit(.minutes(1)))
    func headersThatNeverEndAreRefusedWhileTheyArrive() throws {
        let registry = try HostileRegistry(mode: "header-flood")
        defer { registry.stop() }
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil),
                                    options: RegistryClient.Options(timeout: 60))
        let started = Date()
        let error = #expect(throws: RegistryError.self) { try client.manifest(repository: "app", reference: "1") }
        #expect(error?.description.contains("larger than allowed") == true, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    /// Point 9: a registry that ignores `Range` sends a 48 MiB blob whole while the reader is slow:
    /// at most 16 MiB wait in memory (the rest in an unlinked file), and the blob still verifies.
    /// A blob sent longer than its descriptor says is cut off at that size.
    @Test(.timeLimit(.minutes(1)))
    func aRegistryIgnoringRangeIsReadWithBoundedMemory() throws {
        let blob = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-blob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blob) }
        let random = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
        let bytes = [UInt8](try random.read(upToCount: 48 << 20) ?? Data())
        try random.close()
        #expect(bytes.count == 48 << 20)
        try Data(bytes).write(to: blob)
        let digest = ContentDigest.sha256(bytes)
        let registry = try HostileRegistry(mode: "no-range", blob: blob)
        defer { registry.stop() }
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil),
                                    options: RegistryClient.Options(windowSize: 1 << 20))
        var source = client.blobStream(repository: "app", digest: digest, size: Int64(bytes.count))
        var total = try source.nextChunk()?.count ?? 0
        Thread.sleep(forTimeInterval: 2)  // the registry keeps sending: far more than 16 MiB arrive meanwhile
        while let chunk = try source.nextChunk() { total += chunk.count }
        #expect(total == bytes.count)
        #expect(source.failure == nil)
        let peak = client.statistics.peakBufferedBytes
        #expect(peak > 0 && peak <= (16 << 20) + (1 << 20), "\(peak) bytes buffered in memory")

        var short = client.blobStream(repository: "app", digest: digest, size: 1 << 20)
        #expect(throws: RegistryError.self) { while try short.nextChunk() != nil {} }
    }

    /// Sent whole and slowly (8 MiB over 2 s), a blob has the image's deadline, not one request's
    /// (1 s here); past the image's deadline it stops.
    @Test(.timeLimit(.minutes(1)))
    func aBlobSentWholeHasTheImagesDeadline() throws {
        let blob = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-blob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blob) }
        let bytes = [UInt8]((0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try Data(bytes).write(to: blob)
        let registry = try HostileRegistry(mode: "no-range-slow", blob: blob)
        defer { registry.stop() }
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil),
                                    options: RegistryClient.Options(timeout: 1, windowSize: 1 << 20, requestDeadline: 1))
        let digest = ContentDigest.sha256(bytes)
        var source = client.blobStream(repository: "app", digest: digest, size: Int64(bytes.count), deadline: Date().addingTimeInterval(30))
        var total = 0
        while let chunk = try source.nextChunk() { total += chunk.count }
        #expect(total == bytes.count)

        var late = client.blobStream(repository: "app", digest: digest, size: Int64(bytes.count), deadline: Date().addingTimeInterval(0.8))
        let error = #expect(throws: RegistryError.self) { while try late.nextChunk() != nil {} }
        #expect(error?.reason == .deadlineExceeded, "\(String(describing: error))")
    }

    /// Secrets are replaced before the text is cut (a cut must not leave half a secret), and what
    /// a registry wrote loses control and bidi characters and is bounded.
    @Test func registryTextIsRedactedBeforeItIsCutAndSanitised() {
        let secret = "Zm9vOmJhcg-secret-value"
        let text = String(repeating: "x", count: 190) + secret + String(repeating: "y", count: 500)
        let cleaned = RegistryText.clean(text, redacting: [secret])
        #expect(!cleaned.contains("Zm9v"))
        #expect(cleaned.count <= RegistryText.maximumLength + 1)
        #expect(RegistryText.clean("a\u{1B}[2Jb\u{202E}c\nd", redacting: []) == "a [2Jb c d")
        let encoded = RegistryText.clean("token=a%2Bb%3D%3D", redacting: ["a+b=="])
        #expect(encoded == "token=[redacted]")
    }

    /// Point 10: a manifest sent at one byte per second (never idle for `timeout`) ends at the
    /// request deadline, and a whole run against it ends at `--deadline`, releasing its lock.
    @Test(.timeLimit(.minutes(1)))
    func aDripFedManifestEndsAtTheDeadlines() throws {
        let registry = try HostileRegistry(mode: "drip")
        defer { registry.stop() }
        let options = RegistryClient.Options(timeout: 2, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.1), requestDeadline: 3)
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: registry.address), credentials: CredentialResolver(environment: [:], dockerConfigPath: nil), options: options)
        let started = Date()
        let error = #expect(throws: RegistryError.self) { try client.manifest(repository: "app", reference: "1") }
        #expect(error?.description.contains("timed out") == true, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(started) < 15)

        let folder = try JobFolder()
        defer { folder.remove() }
        let yaml = """
            registries:
              - name: drip
                url: \(registry.address)
                catalog: false
                timeout: 2
            repositories:
              - name: app
                registry: drip
                tags: ["1"]
            """
        let runStarted = Date()
        let outcome = try folder.run(yaml, deadline: Date().addingTimeInterval(4))
        #expect(Date().timeIntervalSince(runStarted) < 20)
        #expect(outcome.imagesFailed == 1)
        #expect(outcome.warnings.contains { $0.message.contains("deadline") }, "\(outcome.warnings.map(\.message))")
        // The lock was released: the next run starts at once, and stops reading at its own deadline.
        let next = try folder.run(yaml, deadline: Date().addingTimeInterval(-1))
        #expect(next.warnings.contains { $0.message.contains("The run's deadline passed") }, "\(next.warnings.map(\.message))")
    }
}
