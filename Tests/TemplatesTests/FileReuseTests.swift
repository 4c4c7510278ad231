import Foundation
import ScoutModel
import Testing
@testable import Templates

/// Publishing writes only what changed: a file whose bytes are the published site's is hard-linked
/// from it, and a page's bytes change with its data, not with the time of the run (issue 15.4).
@Suite struct FileReuseTests {
    static func inode(_ path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    static func bytes(_ site: TemporaryDirectory, _ path: String) throws -> Data {
        try Data(contentsOf: site.url.appendingPathComponent(path))
    }

    @Test func anotherClockChangesOnlyTheStampedPagesAndOnlyThoseAreWritten() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        defer { [first, second].forEach { $0.cleanUp() } }
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let renderer = try SiteRenderer()
        let full = try renderer.render(snapshot, into: first.url, linkingUnchangedFrom: nil)
        let paths = first.files()
        #expect(full.filesLinked == 0 && full.filesWritten == paths.count)

        // The same store published again a day later: only the pages that show the time may differ.
        var later = snapshot
        later.generatedAt = "2026-02-01T00:00:00Z"
        let counts = try renderer.render(later, into: second.url, linkingUnchangedFrom: first.url)
        #expect(second.files() == paths)
        var differing: [String] = [], written: [String] = []
        for path in paths {
            if try Self.bytes(first, path) != Self.bytes(second, path) { differing.append(path) }
            if Self.inode(first.url.path + "/" + path) != Self.inode(second.url.path + "/" + path) { written.append(path) }
        }
        #expect(differing == ["README.md", "index.html", "index.json", "runs.html"])
        #expect(written == differing)
        #expect(try second.read("index.html").contains("2026-02-01"))
        #expect(try !second.read("settings.html").contains("2026-02-01"))
        #expect(counts.filesWritten == differing.count)
        #expect(counts.filesLinked == paths.count - differing.count)
        let writtenBytes = try differing.map { Int64(try Self.bytes(second, $0).count) }.reduce(0, +)
        #expect(counts.bytesWritten == writtenBytes)
        let linkedBytes = try paths.filter { !differing.contains($0) }.map { Int64(try Self.bytes(second, $0).count) }.reduce(0, +)
        #expect(counts.bytesLinked == linkedBytes)
    }

    @Test func aChangedFileIsWrittenEvenWhenItsSizeIsTheSame() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        defer { [first, second].forEach { $0.cleanUp() } }
        let renderer = try SiteRenderer(downloads: false)
        let snapshot = try FixtureSnapshot.make()
        _ = try renderer.render(snapshot, into: first.url, linkingUnchangedFrom: nil)
        // The published settings page damaged in place, keeping its size: it must be written again.
        let settings = first.url.appendingPathComponent("settings.html")
        var damaged = try Data(contentsOf: settings)
        damaged[damaged.count / 2] ^= 0x20
        try damaged.write(to: settings)
        // The streamed exports: one damaged in its middle, the other cut short.
        let csv = first.url.appendingPathComponent("exports/findings.csv"), json = first.url.appendingPathComponent("exports/findings.json")
        let csvBytes = try Data(contentsOf: csv), jsonBytes = try Data(contentsOf: json)
        var csvDamaged = csvBytes
        csvDamaged[csvDamaged.count / 2] ^= 0x20
        try csvDamaged.write(to: csv)
        try jsonBytes.dropLast(10).write(to: json)
        let counts = try renderer.render(snapshot, into: second.url, linkingUnchangedFrom: first.url)
        #expect(Self.inode(settings.path) != Self.inode(second.url.path + "/settings.html"))
        #expect(try Self.bytes(second, "settings.html") != damaged)
        #expect(try Self.bytes(second, "exports/findings.csv") == csvBytes)
        #expect(try Self.bytes(second, "exports/findings.json") == jsonBytes)
        #expect(Self.inode(first.url.path + "/bases.html") == Self.inode(second.url.path + "/bases.html"))
        #expect(counts.filesWritten == 3)
        #expect(counts.bytesWritten == Int64(damaged.count + csvBytes.count + jsonBytes.count))
    }

    @Test func theTrendOfAnUnchangedImageKeepsItsBytesAfterAnotherRun() throws {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let trend = snapshot.images[0].trend
        var longer = trend
        let last = try #require(trend.last)
        longer.append(ImageTrendPoint(runID: last.runID + 1, runAt: "2026-02-01T00:00:00Z", counts: last.counts, newFindings: 0, fixedFindings: 0))
        #expect(TrendChart.changes(longer).map(\.0) == TrendChart.changes(trend).map(\.0))
        var changed = longer
        changed[changed.count - 1].counts.low += 1
        #expect(TrendChart.changes(changed).map(\.0) == TrendChart.changes(trend).map(\.0) + ["2026-02-01T00:00:00Z"])
    }
}
