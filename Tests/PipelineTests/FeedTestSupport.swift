import Foundation
@testable import Pipeline

/// Paths in the repository and temporary folders for the feed tests.
enum FeedPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func repository(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func fixture(_ relative: String) -> String { repository("Tests/Fixtures/" + relative) }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scout-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// `Tests/Fixtures/feeds/feed_server.py` on 127.0.0.1, serving a temporary folder; stopped by `stop()`.
final class FeedServer {
    let folder: URL
    let port: Int
    private let process: Process

    init() throws {
        folder = try FeedPaths.temporaryFolder()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FeedPaths.fixture("feeds/feed_server.py"), folder.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
    }

    func url(_ name: String) -> URL { URL(string: "http://127.0.0.1:\(port)/\(name)")! }

    /// Puts a file on the server (a later modification time, so Last-Modified moves on too).
    func publish(_ source: String, as name: String) throws {
        let target = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
    }

    /// `fail500`, `truncate`, or nil to serve normally.
    func setMode(_ mode: String?, for name: String) throws {
        let file = folder.appendingPathComponent(name + ".mode")
        if let mode { try mode.write(to: file, atomically: true, encoding: .utf8) } else { try? FileManager.default.removeItem(at: file) }
    }

    /// Lines `path status if-none-match`.
    var requests: [String] {
        ((try? String(contentsOf: folder.appendingPathComponent("requests.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() {
        // SIGKILL: the test runner's threads block SIGTERM, and the child inherits that mask.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
