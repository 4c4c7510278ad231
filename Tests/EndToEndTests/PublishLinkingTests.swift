import Foundation
import Testing

/// The real binary publishes a site whose unchanged files are hard-linked from the published one
/// (issue 15.4): after a night in which nothing changed, only the pages that show the time of the run
/// are written, and the log line says so.
@Suite(.serialized) struct PublishLinkingTests {
    static func inodes(_ site: URL) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for path in ExampleCopy.files(in: site).keys {
            var status = stat()
            if stat(site.path + "/" + path, &status) == 0 { result[path] = UInt64(status.st_ino) }
        }
        return result
    }

    @Test func aNightWithoutChangesWritesOnlyTheStampedPages() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let first = try Binary.run(["run", "--config", example.config.path, "--now", "2026-01-01T02:00:00Z"])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("linked 0 unchanged files"), "stderr: \(first.stderr)")
        // The second run's pages change once: the first run's findings were all new.
        let second = try Binary.run(["evaluate", "--config", example.config.path, "--now", "2026-01-02T02:00:00Z"])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let before = Self.inodes(example.site)

        let third = try Binary.run(["evaluate", "--config", example.config.path, "--now", "2026-01-03T02:00:00Z"])
        #expect(third.status == 0, "stderr: \(third.stderr)")
        let after = Self.inodes(example.site)
        #expect(Set(after.keys) == Set(before.keys))
        let written = after.keys.filter { before[$0] != after[$0] && $0 != ".scout-report-site" }.sorted()
        #expect(written == ["README.md", "index.html", "index.json", "runs.html"])
        #expect(third.stderr.contains("wrote 4 files"), "stderr: \(third.stderr)")
        #expect(third.stderr.contains("linked \(after.count - 5) unchanged files"), "stderr: \(third.stderr)")
        #expect(try String(contentsOf: example.site.appendingPathComponent("index.html"), encoding: .utf8).contains("2026-01-03"))
    }
}
