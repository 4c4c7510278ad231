import Foundation

/// Runs the built `scout-report` binary and captures what it prints.
struct Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle (`swift build` puts both in the same folder).
    static let url: URL = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        candidates.append(root.appendingPathComponent(".build/debug"))
        for folder in candidates {
            let url = folder.appendingPathComponent("scout-report")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/scout-report")
    }()

    /// Runs a bash script (`$0`, `$1`… are `arguments`), e.g. to set resource limits first.
    static func shell(_ script: String, _ arguments: [String]) throws -> Result {
        try run(["-c", script] + arguments, executable: URL(fileURLWithPath: "/bin/bash"))
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: URL = url) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so neither fills up.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A copy of the bundled example in a temporary folder, with the store and site inside it.
struct ExampleCopy {
    let folder: URL
    var config: URL { folder.appendingPathComponent("examples/scout-report.yml") }
    var site: URL { folder.appendingPathComponent("site") }
    var store: URL { folder.appendingPathComponent("scout-report.sqlite") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("scout-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("examples"), to: folder.appendingPathComponent("examples"))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Every file of a folder, relative path → bytes.
    static func files(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        let base = folder.standardizedFileURL.path
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            result[relative] = try? Data(contentsOf: url)
        }
        return result
    }
}
