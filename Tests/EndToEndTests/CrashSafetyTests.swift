import Foundation
import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A nightly job must never corrupt its store or publish half a site, whenever it dies.
@Suite(.serialized) struct CrashSafetyTests {
    static let pinned = "2026-01-01T00:00:00Z"

    /// Writes a variant of the example config: `title`, and only the first repository unless `all`.
    static func writeConfig(_ example: ExampleCopy, title: String, all: Bool, to name: String) throws -> String {
        var text = try String(contentsOf: example.config, encoding: .utf8)
        text = text.replacingOccurrences(of: "title: Example fleet", with: "title: \(title)")
        if !all { text = text.replacingOccurrences(of: "  - name: library/postgres\n    enabled: true", with: "  - name: library/postgres\n    enabled: false") }
        let url = example.folder.appendingPathComponent("examples/\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func copyStore(from: URL, to: URL) throws {
        for suffix in ["", "-wal", "-shm"] {
            let destination = URL(fileURLWithPath: to.path + suffix)
            try? FileManager.default.removeItem(at: destination)
            if FileManager.default.fileExists(atPath: from.path + suffix) {
                try FileManager.default.copyItem(at: URL(fileURLWithPath: from.path + suffix), to: destination)
            }
        }
    }

    static func replaceFolder(_ folder: URL, with source: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: source, to: folder)
    }

    @Test func killedAtTwentyRandomPointsNeverCorrupts() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let before = try Self.writeConfig(example, title: "Before", all: false, to: "before.yml")
        let after = try Self.writeConfig(example, title: "After", all: true, to: "after.yml")
        let folder = example.folder

        // Reference states: the store and site after "Before", and the site after an uninterrupted "After".
        #expect(try Binary.run(["run", "--config", before, "--now", Self.pinned, "-q"]).status == 0)
        let savedStore = folder.appendingPathComponent("before.sqlite")
        try Self.copyStore(from: example.store, to: savedStore)
        let siteBefore = folder.appendingPathComponent("site-before")
        try FileManager.default.copyItem(at: example.site, to: siteBefore)
        let storedBefore = Set(try ScoutStore(path: savedStore.path).images().map(\.sbom.metadata.manifestDigest))
        #expect(storedBefore.count == 2)

        let start = Date()
        #expect(try Binary.run(["run", "--config", after, "--now", Self.pinned, "-q"]).status == 0)
        var duration = Date().timeIntervalSince(start)
        let siteAfter = folder.appendingPathComponent("site-after")
        try FileManager.default.copyItem(at: example.site, to: siteAfter)
        let referenceFindings = try ScoutStore(path: example.store.path).latestFindings().values.map(\.count).reduce(0, +)
        let beforeFiles = ExampleCopy.files(in: siteBefore)
        let afterFiles = ExampleCopy.files(in: siteAfter)

        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 0..<20 {
            try Self.copyStore(from: savedStore, to: example.store)
            try Self.replaceFolder(example.site, with: siteBefore)
            let delay = Double.random(in: 0...(duration * 0.9), using: &generator)
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = ["run", "--config", after, "--now", Self.pinned, "-q"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }

            let store = try ScoutStore(path: example.store.path)
            #expect(try store.integrityCheck() == "ok", "round \(round), killed after \(delay) s")
            let stored = Set(try store.images().map(\.sbom.metadata.manifestDigest))
            #expect(stored.isSuperset(of: storedBefore), "round \(round): an SBOM stored before the kill is gone")
            let site = ExampleCopy.files(in: example.site)
            #expect(site == beforeFiles || site == afterFiles, "round \(round), killed after \(delay) s: the site is a mix")

            // A rerun finishes with the same result as an uninterrupted run.
            let rerunStart = Date()
            let rerun = try Binary.run(["run", "--config", after, "--now", Self.pinned, "-q"])
            // Aim the next kill inside the fastest run seen: this machine's speed varies with its load.
            duration = min(duration, Date().timeIntervalSince(rerunStart))
            #expect(rerun.status == 0, "round \(round): \(rerun.stderr)")
            // A killed run that got as far as recording its run is part of the history the site shows
            // (runs page, trends, change since the last run): compare the pages that do not show it.
            let rerunFiles = ExampleCopy.files(in: example.site)
            #expect(Set(rerunFiles.keys) == Set(afterFiles.keys), "round \(round): the rerun's site has other files")
            #expect(Self.withoutRunHistory(rerunFiles) == Self.withoutRunHistory(afterFiles), "round \(round): the rerun's site differs")
            let findings = try ScoutStore(path: example.store.path).latestFindings().values.map(\.count).reduce(0, +)
            #expect(findings == referenceFindings)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".site.new-") }
            #expect(leftovers.isEmpty, "round \(round): staging folders left behind: \(leftovers)")
        }
        #expect(killedMidway >= 5, "kills should land before the run ends (\(killedMidway) of 20)")
    }

    /// The files whose content does not depend on how many runs the store recorded.
    static func withoutRunHistory(_ files: [String: Data]) -> [String: Data] {
        files.filter { path, _ in
            path.hasPrefix("vulnerabilities") || path.hasPrefix("packages") || path.hasPrefix("assets/")
                || path == "settings.html" || path.hasSuffix(".sarif.json") || path.contains("/compare-")
        }
    }

    @Test func aSecondRunOnTheSameStoreFailsClearlyOrWaits() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        // Hold the lock as another run would.
        let fd = open(example.store.path + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let busy = try Binary.run(["run", "--config", example.config.path])
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("Another scout-report run is using the store"), "\(busy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: example.store.path), "nothing was written")

        // With --wait it blocks until the lock is released, then runs.
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["run", "--config", example.config.path, "--wait", "-q"]
        try process.run()
        usleep(500_000)
        #expect(process.isRunning, "--wait must block while the lock is held")
        flock(fd, LOCK_UN)
        close(fd)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: example.site.appendingPathComponent("index.html").path))
    }

    /// Runs the example again with every write past `limitKiB` failing with EFBIG (SIGXFSZ ignored),
    /// as a full disk would.
    static func runLimited(_ example: ExampleCopy, limitKiB: Int, extra: [String] = []) throws -> Binary.Result {
        try Binary.shell(
            "trap '' XFSZ; ulimit -f \(limitKiB); exec \"$0\" \"$@\"",
            [Binary.url.path, "run", "--config", example.config.path, "-q"] + extra)
    }

    @Test func aFullDiskDuringImportKeepsThePreviousSiteAndData() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        #expect(try Binary.run(["run", "--config", example.config.path, "--now", Self.pinned, "-q"]).status == 0)
        let previousSite = ExampleCopy.files(in: example.site)
        let store = try ScoutStore(path: example.store.path)
        let advisories = try store.advisorySources()
        let result = try Self.runLimited(example, limitKiB: 64)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: Failed to replace the"), "\(result.stderr)")
        #expect(result.stderr.contains("disk space"), "\(result.stderr)")
        #expect(ExampleCopy.files(in: example.site) == previousSite)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.advisorySources() == advisories, "the previous records are kept")
        #expect(try store.imageCount() == 3)
    }

    @Test func aFullDiskDuringRenderKeepsThePreviousSite() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        #expect(try Binary.run(["run", "--config", example.config.path, "--now", Self.pinned, "-q"]).status == 0)
        let previousSite = ExampleCopy.files(in: example.site)
        let store = try ScoutStore(path: example.store.path)
        let runs = try store.runs().count
        // An index template whose page (about 12 MB) is larger than the limit; the store's writes fit under it.
        let templates = example.folder.appendingPathComponent("big-templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try (String(repeating: "<!-- padding padding padding padding padding -->\n", count: 240_000) + "{{{title}}}")
            .write(to: templates.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        let result = try Self.runLimited(example, limitKiB: 10 * 1024, extra: ["--templates", templates.path])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("error:"), "\(result.stderr)")
        #expect(result.stderr.contains("index.html"), "the error names the file: \(result.stderr)")
        #expect(ExampleCopy.files(in: example.site) == previousSite, "the previous site is intact")
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.runs().count == runs + 1, "the evaluation before the render was recorded")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: example.folder.path).filter { $0.hasPrefix(".site.new-") }
        #expect(leftovers.isEmpty)
    }
}
