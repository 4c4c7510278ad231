import Foundation

/// `Tests/Fixtures/registry/hostile_registry.py` in one of its modes, with its request log.
final class HostileRegistry {
    /// One request the server received.
    struct Entry: Decodable {
        var host: String
        var path: String
        var method: String
        var auth: String?
    }

    let process: TestProcess
    let port: Int
    let log: URL

    init(mode: String, blob: URL? = nil) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).log")
        process = try TestProcess(name: "hostile_registry.py \(mode)", executable: "/usr/bin/env",
                                  arguments: ["python3", Fixtures.registry("hostile_registry.py"), mode, log.path] + (blob.map { [$0.path] } ?? []))
        port = try process.announcedPort()
    }

    var address: String { "127.0.0.1:\(port)" }

    var requests: [Entry] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: log)
    }
}
