import Foundation
import Pipeline
import Store

/// A temporary folder holding a configuration, its store and its site; runs the nightly job in-process.
struct JobFolder {
    let folder: URL
    /// An empty docker configuration folder, so the machine's ~/.docker/config.json is never read.
    var dockerConfig: URL { folder.appendingPathComponent("docker") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docker"), withIntermediateDirectories: true)
    }

    var storePath: String { folder.appendingPathComponent("store.sqlite").path }

    func store() throws -> ScoutStore { try ScoutStore(path: storePath) }

    func config(_ yaml: String) throws -> Config {
        try ConfigLoader.parse("store: store.sqlite\nsite: site\n" + yaml, file: folder.appendingPathComponent("scout-report.yml").path)
    }

    /// Runs the job with only `variables` (plus DOCKER_CONFIG and HOME inside this folder) in its environment.
    func run(_ yaml: String, variables: [String: String] = [:], deadline: Date? = nil, clock: Clock = Clock(), progress: ScanProgress = ScanProgress(),
             log: @escaping @Sendable (String) -> Void = { _ in }) throws -> NightlyJob.Outcome {
        var environment = variables
        environment["DOCKER_CONFIG"] = dockerConfig.path
        environment["HOME"] = folder.path
        var job = NightlyJob(config: try config(yaml), clock: clock, environment: environment, progress: progress, log: log)
        job.deadline = deadline
        return try job.run()
    }

    /// Every row of every table of the store, in rowid order (so the order rows were written in counts).
    func storeRows() throws -> String {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
                try:
                    rows = db.execute('SELECT rowid, * FROM "%s" ORDER BY rowid' % name).fetchall()
                except sqlite3.OperationalError:
                    rows = db.execute('SELECT * FROM "%s"' % name).fetchall()
                print("== %s (%d rows)" % (name, len(rows)))
                for row in rows:
                    print(repr(row))
            """
        return String(decoding: try TestProcess.run("/usr/bin/env", ["python3", "-c", script, storePath]), as: UTF8.self)
    }

    /// Every file of the published site by relative path.
    func siteFiles() -> [String: Data] {
        let site = folder.appendingPathComponent("site")
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in walker {
            if let data = try? Data(contentsOf: url), !url.hasDirectoryPath {
                files[String(url.path.dropFirst(site.path.count))] = data
            }
        }
        return files
    }

    /// Every byte the job wrote (store, its WAL, the site), to prove a secret is nowhere in it.
    func allWrittenBytes() -> Data {
        var data = Data()
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return data }
        for case let url as URL in walker where !url.path.contains("/docker") {
            if let bytes = try? Data(contentsOf: url) { data.append(bytes) }
        }
        return data
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
