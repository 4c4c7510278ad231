import Foundation
import GRDB
import ScoutModel
import Store
import Testing
import Vulnerabilities
@testable import Pipeline

/// The nightly job hands re-evaluation's findings and warnings straight to the snapshot, and
/// compares runs by finding summaries instead of decoding every finding of the previous run: both must
/// give exactly what reading the store back gives, over several runs with suppressions coming and going.
@Suite struct ReevaluationHandOffTests {
    @Test func theSnapshotOfTheEvaluationIsTheSnapshotOfTheStore() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        let importer = AdvisoryImporter(store: store, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        for (name, format, path) in [
            ("alpine-secdb", "alpine-secdb", FeedPaths.repository("examples/advisories/alpine-secdb")),
            ("kev", "kev", FeedPaths.fixture("feeds/kev-format-sample.json")),
            ("epss", "epss", FeedPaths.fixture("feeds/epss-format-sample.csv.gz")),
        ] {
            #expect(try importer.importSource(name: name, format: format, path: path).imported)
        }
        let analyzer = ImageAnalyzer(store: store, platform: nil, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        func push(_ image: String) throws {
            let outcome = try analyzer.analyse("archive://" + FeedPaths.repository("examples/images/\(image).tar.gz"))
            try store.recordTag(repository: "library/alpine", tag: image, digest: outcome.sbom.metadata.manifestDigest,
                                source: "archive://\(image)", at: "2026-01-01T00:00:00Z")
        }

        // Night 1 suppresses one vulnerability; night 2 another, with a new image (all its findings new);
        // night 3 none.
        let nights: [(String, [String], String?)] = [
            ("2026-01-02T00:00:00Z", ["CVE-2021-3449"], "alpine-310"),
            ("2026-01-03T00:00:00Z", ["CVE-2020-28928"], "alpine-311"),
            ("2026-01-04T00:00:00Z", [], nil),
        ]
        var previousRun: Int64?
        for (time, ignored, image) in nights {
            if let image { try push(image) }
            // The summaries the next night compares with are the stored records' fields.
            if let previousRun {
                let decoded = try store.findings(ofRun: previousRun)
                let summaries = try store.findingSummaries(ofRun: previousRun)
                // Summaries come in no set order (intervals of different runs): compared as sets.
                #expect(summaries.mapValues(Set.init) == decoded.mapValues { list in
                    Set(list.map { FindingSummary(key: $0.key, suppressed: $0.suppression != nil, sourceKey: Reevaluation.sourceKey($0)) })
                })
                #expect(summaries.mapValues(\.count) == decoded.mapValues(\.count))
                #expect(summaries.values.contains { $0.contains(where: \.suppressed) })
            }
            let clock = Clock(pinned: time)
            var reevaluation = Reevaluation(store: store, clock: clock)
            reevaluation.ignore = ignored.map { IgnoreEntry(id: $0, reason: "test", source: "test") }
            let outcome = try reevaluation.run(startedAt: time)
            #expect(outcome.findings == (try store.latestFindings()))
            #expect(outcome.evaluationWarnings == (try store.latestEvaluationWarnings()))
            let builder = SnapshotBuilder(store: store)
            let handedOver = try builder.snapshot(title: "t", generatedAt: time, evaluation: outcome)
            let readBack = try builder.snapshot(title: "t", generatedAt: time)
            #expect(handedOver == readBack)
            if image == "alpine-311" {
                #expect(outcome.run.newFindings > 0)
                #expect(handedOver.images.contains { $0.findings.contains(where: \.isNew) })
            }
            previousRun = outcome.run.id
        }
    }
}

/// A damaged store: a finding record of the previous run that is not JSON (or JSON without the fields
/// the summaries read) stops the next re-evaluation with a store error naming the file, never a crash
/// and never a run recorded as if that image had no findings before.
@Suite struct DamagedFindingRecordTests {
    @Test(arguments: ["{not json", #"{"vulnerabilityID":"CVE-1"}"#])
    func aDamagedPreviousRecordIsAStoreError(record: String) throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try ScoutStore(path: path)
        let importer = AdvisoryImporter(store: store, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        #expect(try importer.importSource(name: "alpine-secdb", format: "alpine-secdb",
                                          path: FeedPaths.repository("examples/advisories/alpine-secdb")).imported)
        _ = try ImageAnalyzer(store: store, platform: nil, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
            .analyse("archive://" + FeedPaths.repository("examples/images/alpine-310.tar.gz"))
        let first = try Reevaluation(store: store, clock: Clock(pinned: "2026-01-02T00:00:00Z")).run(startedAt: "2026-01-02T00:00:00Z")
        #expect(first.run.counts.total > 0)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE findingRecords SET record = ? WHERE id = (SELECT MIN(id) FROM findingRecords)", arguments: [record])
        }
        #expect(throws: StoreError.self) {
            try Reevaluation(store: store, clock: Clock(pinned: "2026-01-03T00:00:00Z")).run(startedAt: "2026-01-03T00:00:00Z")
        }
        #expect(try store.runs().count == 1, "no second run is recorded from a damaged history")
    }
}
