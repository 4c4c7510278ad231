import Foundation
import Testing

@Suite(.serialized) struct RunTests {
    static let pinned = "2026-01-01T00:00:00Z"

    @Test func theExampleRunsEndToEndAndMatchesSiteExample() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let result = try Binary.run(["run", "--config", example.config.path, "--now", Self.pinned, "--verbose"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("Analysed library/alpine:3.10"))
        #expect(result.stderr.contains("Analysed library/postgres:13.1"))
        #expect(!result.stderr.contains("example/hello"), "a disabled repository is not analysed")

        let index = try String(contentsOf: example.site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("library/alpine"))
        #expect(index.contains("library/postgres"))
        #expect(FileManager.default.fileExists(atPath: example.site.appendingPathComponent("README.md").path))
        #expect(FileManager.default.fileExists(atPath: example.site.appendingPathComponent("settings.html").path))

        // The committed site-example/ is this run's output: a fresh render must not differ.
        let fresh = ExampleCopy.files(in: example.site)
        let committed = ExampleCopy.files(in: Binary.root.appendingPathComponent("site-example"))
        #expect(!committed.isEmpty, "site-example/ is missing: run `make site-example`")
        #expect(Set(fresh.keys) == Set(committed.keys), "files differ: run `make site-example` and review the diff")
        for (path, data) in fresh where committed[path] != data {
            Issue.record("site-example/\(path) differs from a fresh render: run `make site-example` and review the diff")
        }
    }

    @Test func aSecondRunReadsNoImageAgain() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let first = try Binary.run(["run", "--config", example.config.path])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try Binary.run(["run", "--config", example.config.path, "--verbose"])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(!second.stderr.contains("Analysed "), "stderr: \(second.stderr)")
        #expect(second.stderr.contains("Cached library/alpine:3.11"))
        #expect(second.stderr.contains("0 new, 0 fixed"))
    }

    /// Not a terminal (a log): summary lines every few seconds, and per-image lines only with --verbose.
    @Test func aLogGetsSummaryLinesAndPerImageLinesOnlyWhenVerbose() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let result = try Binary.run(["run", "--config", example.config.path, "--progress-interval", "0.05"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("Analysed ") || $0.hasPrefix("Cached ") }, "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}["), "no terminal control sequences in a log")
        let summaries = lines.filter { $0.hasPrefix("Repositories ") }
        let last = try #require(summaries.last, "stderr: \(result.stderr)")
        // `Repositories 3/3 · 4 analysed, 0 cached, 0 failed · 0.0 MB · 0:01`: every repository done at the end.
        let counts = try #require(last.split(separator: " ").dropFirst().first).split(separator: "/")
        #expect(counts.count == 2 && counts[0] == counts[1] && Int(counts[0])! > 0, "\(last)")
        #expect(last.contains(" analysed, 0 cached, 0 failed · "), "\(last)")
        #expect(result.stderr.contains("analysed, 0 unchanged, 0 failed"), "the final summary line stays")
    }

    @Test func aMissingImageIsAWarningAndTheRunGoesOn() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        try FileManager.default.removeItem(at: example.folder.appendingPathComponent("examples/images/alpine-310.tar.gz"))
        let result = try Binary.run(["run", "--config", example.config.path, "--verbose"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("Skipped library/alpine:3.10"))
        #expect(result.stderr.contains("Analysed library/alpine:3.11"))
        let settings = try String(contentsOf: example.site.appendingPathComponent("settings.html"), encoding: .utf8)
        #expect(settings.contains("library/alpine:3.10"), "the warning is shown on the site")
    }

    @Test func aBrokenConfigFailsWithFileAndLine() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        try "title: x\nrepositories:\n  - name: a\n    enabeld: true\n".write(to: example.config, atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", "--config", example.config.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("scout-report.yml:4"))
        #expect(result.stderr.contains("did you mean 'enabled'"))
        #expect(!FileManager.default.fileExists(atPath: example.site.path))
    }

    @Test func usageErrorsExit64() throws {
        let result = try Binary.run(["cves", "--format", "nonsense", "archive://x.tar"])
        #expect(result.status == 64)
    }

    /// `--deadline` takes 90, 90s, 45m or 2h; anything else is a usage error. A deadline far off
    /// and `--allow-shrink` change nothing for the bundled example.
    @Test func deadlineAndAllowShrinkFlags() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let bad = try Binary.run(["run", "--config", example.config.path, "--deadline", "soon"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--deadline 'soon' is not a duration"), "stderr: \(bad.stderr)")
        let result = try Binary.run(["run", "--verbose", "--config", example.config.path, "--deadline", "2h", "--allow-shrink"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("Analysed library/alpine:3.11"))
        #expect(!result.stderr.contains("deadline"))
    }
}
