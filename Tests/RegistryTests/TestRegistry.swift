import Foundation
import ImageSource
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Debian's `docker-registry` (CNCF distribution 2.8) on 127.0.0.1 with a config written here.
final class TestRegistry: @unchecked Sendable {
    enum Auth {
        case none
        /// A bcrypt htpasswd file with one user.
        case htpasswd(user: String, password: String)
        /// Token auth against `realm`, trusting the certificate at `certificate`.
        case token(realm: String, service: String, issuer: String, certificate: String)
    }

    let folder: URL
    let storage: URL
    let port: Int
    private let process: TestProcess

    var address: String { "127.0.0.1:\(port)" }

    /// Starts a registry; `storage` may be shared with an earlier one (restarting on pushed content).
    init(auth: Auth, storage: URL? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.storage = storage ?? folder.appendingPathComponent("storage")
        var lastError: Error?
        for _ in 0..<5 {
            let port = TestProcess.freePort()
            var config = """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: \(self.storage.path)
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:\(port)
                  secret: test-secret

                """
            switch auth {
            case .none:
                break
            case .htpasswd(let user, let password):
                let file = folder.appendingPathComponent("htpasswd")
                let line = try TestProcess.run("/usr/bin/htpasswd", ["-nbB", user, password])
                try line.write(to: file)
                config += "auth:\n  htpasswd:\n    realm: test-realm\n    path: \(file.path)\n"
            case .token(let realm, let service, let issuer, let certificate):
                config += "auth:\n  token:\n    realm: \(realm)\n    service: \(service)\n    issuer: \(issuer)\n    rootcertbundle: \(certificate)\n"
            }
            let configFile = folder.appendingPathComponent("config-\(port).yml")
            try Data(config.utf8).write(to: configFile)
            let started = try TestProcess(name: "docker-registry", executable: "/usr/bin/docker-registry", arguments: ["serve", configFile.path], readsOutput: false)
            if Self.waitUntilServing(port: port, process: started) {
                self.port = port
                self.process = started
                return
            }
            started.stop()
            lastError = HarnessError(message: "docker-registry did not start on port \(port)")
        }
        throw lastError ?? HarnessError(message: "docker-registry did not start")
    }

    /// Waits until the registry accepts connections, at most 10 s.
    private static func waitUntilServing(port: Int, process: TestProcess) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && process.process.isRunning {
            if TestProcess.canConnect(port: port) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// `skopeo copy oci:LAYOUT:TAG docker://127.0.0.1:PORT/REPO:TAG`.
    func push(layout: URL, tag: String, to reference: String, credentials: String? = nil) throws {
        var arguments = ["copy", "--quiet", "--dest-tls-verify=false"]
        if let credentials { arguments += ["--dest-creds", credentials] }
        arguments += ["oci:\(layout.path):\(tag)", "docker://\(address)/\(reference)"]
        try TestProcess.run("/usr/bin/skopeo", arguments)
    }

    /// Pushes many tags of `layout` at once through the HTTP API (`push_layout.py`): `[layout tag: repo:tag]`.
    func pushMany(layout: URL, _ tags: [(String, String)]) throws {
        try TestProcess.run("/usr/bin/env", ["python3", Fixtures.registry("push_layout.py"), layout.path, address] + tags.map { "\($0.0)=\($0.1)" })
    }

    /// What the registry holds for `reference` (skopeo compresses uncompressed layers when it pushes).
    struct Remote {
        var manifestDigest: String
        var configDigest: String
        var layers: [String]
    }

    func remote(_ reference: String, credentials: String? = nil) throws -> Remote {
        var arguments = ["inspect", "--raw", "--tls-verify=false"]
        if let credentials { arguments += ["--creds", credentials] }
        let raw = try TestProcess.run("/usr/bin/skopeo", arguments + ["docker://\(address)/\(reference)"])
        let json = try JSONSerialization.jsonObject(with: raw) as! [String: Any]
        return Remote(manifestDigest: ContentDigest.sha256([UInt8](raw)),
                      configDigest: (json["config"] as! [String: Any])["digest"] as! String,
                      layers: (json["layers"] as! [[String: Any]]).map { $0["digest"] as! String })
    }

    /// The file holding a blob in the registry's storage folder.
    func blobFile(_ digest: String) -> URL {
        let hex = String(digest.dropFirst("sha256:".count))
        return storage.appendingPathComponent("docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data")
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The fault-injecting, request-logging proxy of `Tests/Fixtures/registry/fault_proxy.py`.
final class TestProxy: @unchecked Sendable {
    struct Entry: Decodable {
        var method: String
        var path: String
        var host: String
        var auth: Bool
        var status: Int?
    }

    let port: Int
    let log: URL
    private let process: TestProcess

    init(upstream: TestRegistry, arguments: [String] = []) throws {
        log = upstream.folder.appendingPathComponent("proxy-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = try TestProcess(name: "fault_proxy.py", executable: "/usr/bin/env",
                                  arguments: ["python3", Fixtures.registry("fault_proxy.py"), "--upstream", "http://\(upstream.address)", "--log", log.path] + arguments)
        port = try process.announcedPort()
    }

    var address: String { "127.0.0.1:\(port)" }

    /// Every request logged so far.
    func entries() throws -> [Entry] {
        let text = try String(contentsOf: log, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }

    /// Forgets what was logged (between two runs).
    func clear() throws {
        try Data().write(to: log)
    }

    func stop() { process.stop() }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func registry(_ name: String) -> String { root.appendingPathComponent("registry/\(name)").path }
    static func image(_ name: String) -> String { root.appendingPathComponent("images/\(name)").path }
}
