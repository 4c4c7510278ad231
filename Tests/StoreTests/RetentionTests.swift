import Foundation
import GRDB
import ScoutModel
import Testing
@testable import Store

/// Pruning (`retention:`): untagged images and old runs go, with exactly their rows; the kept runs'
/// history answers as before; the file shrinks.
@Suite struct RetentionTests {
    static func image(_ digest: String) -> ImageSBOM {
        var sbom = StoreTests.sbom
        sbom.metadata.manifestDigest = digest
        return sbom
    }

    static func count(_ sql: String, path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func prunesUntaggedImagesAndOldRunsAndNothingElse() throws {
        let (store, path) = try StoreTests().temporaryStore()
        let (a, b, c, d) = ("sha256:aaaa", "sha256:bbbb", "sha256:cccc", "sha256:dddd")
        for digest in [a, b, c, d] { try store.saveImage(Self.image(digest), source: "s", at: "2026-01-01T00:00:00Z") }
        // b: untagged since 1 February; c: never tagged; d: untagged since 25 March; a: tagged.
        try store.recordTag(repository: "app", tag: "1", digest: b, source: "s", at: "2026-01-01T00:00:00Z")
        try store.recordTag(repository: "app", tag: "1", digest: a, source: "s", at: "2026-02-01T00:00:00Z")
        try store.recordTag(repository: "app", tag: "2", digest: d, source: "s", at: "2026-01-01T00:00:00Z")
        try store.recordTag(repository: "app", tag: "2", digest: a, source: "s", at: "2026-03-25T00:00:00Z")
        var runIDs: [Int64] = []
        for night in 1...5 {
            // CVE-1 stays; CVE-2's severity changes each night (a new record and interval a night).
            let list = [StoreTests.finding("CVE-1", .high), StoreTests.finding("CVE-2", night % 2 == 0 ? .low : .medium)].sortedByPriority()
            let run = try store.recordRun(startedAt: "2026-03-0\(night)T00:00:00Z", finishedAt: "f", advisorySnapshot: [:],
                                          findings: [a: list, b: list, c: list, d: list], warnings: [:])
            try store.recordImageRuns(runID: run.id, [a, b, c, d].map {
                ImageRunRecord(digest: $0, counts: SeverityCounts(high: 1), newFindings: 0, fixedFindings: 0, suppressed: 0, fixed: [])
            })
            runIDs.append(run.id)
        }
        let kept = Array(runIDs.suffix(3))
        var before: [Int64: [String: [Finding]]] = [:]
        for runID in kept { before[runID] = try store.findings(ofRun: runID).filter { $0.key == a || $0.key == d } }
        let runsBefore = try store.runs().filter { kept.contains($0.id) }

        let outcome = try store.prune(untaggedBefore: "2026-03-01T00:00:00Z", keepRuns: 3)
        #expect(outcome.imagesDeleted == 2 && outcome.runsDeleted == 2)
        #expect(try store.images().map(\.sbom.metadata.manifestDigest).sorted() == [a, d])
        #expect(try Self.count("SELECT COUNT(*) FROM packages WHERE imageDigest IN ('sha256:bbbb', 'sha256:cccc')", path: path) == 0)
        #expect(try Self.count("SELECT COUNT(*) FROM packages", path: path) == 2)
        #expect(try Self.count("SELECT COUNT(*) FROM tagHistory WHERE digest IN ('sha256:bbbb', 'sha256:cccc')", path: path) == 0)
        #expect(try Self.count("SELECT COUNT(*) FROM tagHistory", path: path) == 3, "the kept images' tag history stays")
        #expect(try Self.count("SELECT COUNT(*) FROM imageRuns", path: path) == 6, "2 images × 3 kept runs")
        // Per kept image: CVE-1's one interval; CVE-2's intervals of runs 3, 4 and 5 (the one of run 2 ended before run 3).
        #expect(try Self.count("SELECT COUNT(*) FROM findingIntervals", path: path) == 8)
        #expect(try Self.count("SELECT COUNT(*) FROM findingRecords WHERE id NOT IN (SELECT recordID FROM findingIntervals)", path: path) == 0)
        #expect(try Self.count("SELECT COUNT(*) FROM findingRecords", path: path) == 3)
        // The kept runs answer as before, for the kept images.
        #expect(try store.runs().map(\.id) == kept.reversed())
        #expect(try store.runs() == runsBefore)
        for runID in kept { #expect(try store.findings(ofRun: runID) == before[runID]) }
        #expect(try store.latestFindings() == before[kept.last!])
        // The next night carries the pruned history on: nothing changed, nothing new.
        let next = try store.recordRun(startedAt: "2026-03-06T00:00:00Z", finishedAt: "f", advisorySnapshot: [:],
                                       findings: before[kept.last!]!, warnings: [:])
        #expect(next.newFindings == 0 && next.fixedFindings == 0)
        #expect(try Self.count("SELECT COUNT(*) FROM findingIntervals", path: path) == 8)
    }

    @Test func pruningShrinksTheFile() throws {
        let (store, path) = try StoreTests().temporaryStore()
        try store.saveImage(StoreTests.sbom, source: "s", at: "2026-01-01T00:00:00Z")
        // Ten nights of 300 findings whose records all change each night (a long text that differs).
        for night in 0..<10 {
            let list = (0..<300).map { index in
                var finding = StoreTests.finding("CVE-2026-\(1000 + index)", .medium)
                finding.details = String(repeating: "night \(night) ", count: 100)
                return finding
            }.sortedByPriority()
            try store.recordRun(startedAt: "2026-03-\(10 + night)T00:00:00Z", finishedAt: "f", advisorySnapshot: [:],
                                findings: ["sha256:aaaa": list], warnings: [:])
        }
        let latest = try store.latestFindings()
        let outcome = try store.prune(untaggedBefore: nil, keepRuns: 2)
        #expect(outcome.runsDeleted == 8 && outcome.recordsDeleted == 2_400)
        #expect(outcome.vacuumed)
        #expect(outcome.bytesAfter < outcome.bytesBefore / 3, "\(outcome.bytesBefore) → \(outcome.bytesAfter) bytes")
        let onDisk = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).int64Value
        #expect(onDisk <= outcome.bytesAfter)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.latestFindings() == latest)
    }
}
