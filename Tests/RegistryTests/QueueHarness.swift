import Foundation
import Pipeline
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

extension JobFolder {
    /// Runs the nightly job with `queue:` in its configuration and `localWorkers` of its own.
    func runQueued(_ yaml: String, localWorkers: Int, clock: Clock = Clock(), log: @escaping @Sendable (String) -> Void = { _ in }) throws -> NightlyJob.Outcome {
        var job = NightlyJob(config: try config(yaml), clock: clock, environment: environment, log: log)
        job.localWorkers = localWorkers
        return try job.run()
    }

    /// DOCKER_CONFIG and HOME inside this folder (no credentials of the machine).
    var environment: [String: String] { ["DOCKER_CONFIG": dockerConfig.path, "HOME": folder.path] }

    /// Writes the configuration to `scout-report.yml` for a `scout-report worker` process.
    func writeConfig(_ yaml: String) throws -> String {
        let path = folder.appendingPathComponent("scout-report.yml").path
        try Data(("store: store.sqlite\nsite: site\n" + yaml).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// A `scout-report worker` process, its output in a file.
final class WorkerProcess: @unchecked Sendable {
    let process = Process()
    let output: URL

    init(config: String, environment: [String: String]) throws {
        output = URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent("worker-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.executableURL = WorkerProcess.binary
        process.arguments = ["worker", "--config", config]
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGCONT)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static let host = ProcessInfo.processInfo.hostName

    /// The built `scout-report` beside the test bundle.
    static let binary: URL = {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for folder in candidates where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("scout-report").path) {
            return folder.appendingPathComponent("scout-report")
        }
        return root.appendingPathComponent(".build/debug/scout-report")
    }()
}

/// Waits until `condition` holds, at most `timeout` seconds; true when it did.
func eventually(timeout: TimeInterval = 60, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}

/// Every table of a store dump (`JobFolder.storeRows`) but the layer cache's: in queue mode the
/// layer cache is PostgreSQL's.
func withoutLayerCache(_ rows: String) -> String {
    rows.components(separatedBy: "\n== ").filter { !$0.hasPrefix("layerCache") && !$0.hasPrefix("== layerCache") }.joined(separator: "\n== ")
}
