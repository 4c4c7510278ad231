import Foundation
import GRDB
import ScoutModel
import Testing
@testable import Reports
@testable import Store

/// Findings kept as intervals (migration `v5-finding-intervals`): every reader answers as the v1 layout
/// (a row per run, image and key) did, for a history recorded now and for one recorded by the release
/// before and migrated.
@Suite struct FindingIntervalTests {
    typealias Scenario = FindingHistoryScenario

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("intervals-\(UUID().uuidString).sqlite").path
    }

    /// Checks every history reader against the scenario's expectations; `runIDs` are the runs' ids, oldest first.
    static func expectScenarioAnswers(_ store: ScoutStore, runIDs: [Int64]) throws {
        let runs = try store.runs()
        #expect(runs.map(\.id) == runIDs.reversed())
        for (index, runID) in runIDs.enumerated() {
            let expected = Scenario.expected[index]
            let wanted = expected.findings.filter { !$0.value.isEmpty }
            #expect(try store.findings(ofRun: runID) == wanted, "run \(index + 1)")
            let summaries = try store.findingSummaries(ofRun: runID).mapValues(Set.init)
            #expect(summaries == wanted.mapValues { Set($0.map {
                FindingSummary(key: $0.key, suppressed: $0.suppression != nil,
                               sourceKey: "\($0.vulnerabilityID) \($0.package.matchName) \($0.package.matchVersion)")
            }) }, "run \(index + 1)")
            let run = try #require(runs.first { $0.id == runID })
            #expect(run.counts == expected.counts && run.newFindings == expected.newFindings && run.fixedFindings == expected.fixedFindings,
                    "run \(index + 1): \(run.counts) new \(run.newFindings) fixed \(run.fixedFindings)")
        }
        #expect(try store.latestFindings() == Scenario.expected.last!.findings.filter { !$0.value.isEmpty })
        // The runs page and feeds: each run's new notable findings per image.
        let changes = try store.runChanges(limit: runIDs.count)
        for (index, runID) in runIDs.enumerated() {
            let change = try #require(changes.first { $0.runID == runID })
            #expect(change.startedAt == Scenario.starts[index])
            let notable = Scenario.expected[index].findings.mapValues { $0.filter { $0.isNew && RunChanges.isNotable($0) } }.filter { !$0.value.isEmpty }
            #expect(Dictionary(uniqueKeysWithValues: change.images.map { ($0.digest, $0.newFindings) }) == notable, "run \(index + 1)")
        }
    }

    static func count(_ table: String, path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test func aHistoryRecordedAsIntervalsAnswersAsTheRowPerNightLayout() throws {
        let path = Self.temporaryPath()
        let store = try ScoutStore(path: path)
        var runIDs: [Int64] = []
        for (index, night) in Scenario.nights.enumerated() {
            var stamped = night
            let run = try store.recordRun(startedAt: Scenario.starts[index], finishedAt: Scenario.starts[index], advisorySnapshot: [:],
                                          stamping: &stamped, warnings: [:])
            #expect(stamped == Scenario.expected[index].findings, "stamping hands back what is recorded (run \(index + 1))")
            runIDs.append(run.id)
        }
        try Self.expectScenarioAnswers(store, runIDs: runIDs)
        // 23 findings over six nights, 11 intervals, 8 distinct records; CVE-1's five EPSS scores.
        #expect(try Self.count("findingIntervals", path: path) == 11)
        #expect(try Self.count("findingRecords", path: path) == 8)
        #expect(try Self.count("epssIntervals", path: path) == 5)
    }

    @Test func aNightOnWhichNothingChangedAddsNoFindingRows() throws {
        let path = Self.temporaryPath()
        let store = try ScoutStore(path: path)
        var night = Scenario.nights[3]
        try store.recordRun(startedAt: Scenario.starts[0], finishedAt: "f", advisorySnapshot: [:], stamping: &night, warnings: [:])
        let intervals = try Self.count("findingIntervals", path: path), records = try Self.count("findingRecords", path: path)
        #expect(intervals == 5 && records == 5)
        night = Scenario.nights[3]
        let second = try store.recordRun(startedAt: Scenario.starts[1], finishedAt: "f", advisorySnapshot: [:], stamping: &night, warnings: [:])
        #expect(try Self.count("findingIntervals", path: path) == intervals)
        #expect(try Self.count("findingRecords", path: path) == records)
        #expect(second.newFindings == 0 && second.fixedFindings == 0)
        #expect(try store.findings(ofRun: second.id).values.flatMap { $0 }.allSatisfy { $0.firstSeen == Scenario.starts[0] && !$0.isNew })
    }

    @Test func theSameRecordInTwoImagesIsStoredOnce() throws {
        let path = Self.temporaryPath()
        let store = try ScoutStore(path: path)
        let finding = Scenario.finding("CVE-2026-0001", "musl", .high)
        try store.recordRun(startedAt: Scenario.starts[0], finishedAt: "f", advisorySnapshot: [:],
                            findings: ["sha256:aaaa": [finding], "sha256:bbbb": [finding]], warnings: [:])
        #expect(try Self.count("findingIntervals", path: path) == 2)
        #expect(try Self.count("findingRecords", path: path) == 1)
    }

    /// A store written as the release before this layout wrote it: the migrations up to v4 only, then
    /// each run's rows inserted as its `recordRun` did (the whole record, first seen and new flag in it).
    static func writeReleaseStore(path: String) throws -> [Int64] {
        let queue = try DatabaseQueue(path: path)
        try ScoutStore.migrator.migrate(queue, upTo: "v4-webhook-failures")
        return try queue.write { db in
            var runIDs: [Int64] = []
            for (index, expected) in Scenario.expected.enumerated() {
                let c = expected.counts
                try db.execute(sql: """
                    INSERT INTO runs (startedAt, finishedAt, advisorySnapshot, imagesEvaluated, critical, high, medium, low,
                        unspecified, newFindings, fixedFindings) VALUES (?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [Scenario.starts[index], Scenario.starts[index], expected.findings.count, c.critical, c.high, c.medium,
                                     c.low, c.unspecified, expected.newFindings, expected.fixedFindings])
                let runID = db.lastInsertedRowID
                for digest in expected.findings.keys.sorted() {
                    for finding in expected.findings[digest]! {
                        try db.execute(sql: """
                            INSERT INTO findings (runID, imageDigest, findingKey, severity, firstSeen, record) VALUES (?, ?, ?, ?, ?, ?)
                            """, arguments: [runID, digest, finding.key, finding.severity.rawValue, finding.firstSeen,
                                             FindingRecordEncoder.encode(finding)])
                    }
                }
                runIDs.append(runID)
            }
            return runIDs
        }
    }

    @Test func theMigrationKeepsEveryRunOfAStoreWrittenByTheReleaseBefore() throws {
        let path = Self.temporaryPath()
        let runIDs = try Self.writeReleaseStore(path: path)
        #expect(try Self.count("findings", path: path) == 23)
        let store = try ScoutStore(path: path)
        try Self.expectScenarioAnswers(store, runIDs: runIDs)
        #expect(try Self.count("findingIntervals", path: path) == 11)
        let tables = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("findings"), "the v1 table is dropped once converted")
        // The next run carries the migrated history on: night 6 again adds no rows.
        var night = Scenario.nights[5]
        let next = try store.recordRun(startedAt: "2026-03-07T02:00:00Z", finishedAt: "f", advisorySnapshot: [:], stamping: &night, warnings: [:])
        #expect(try Self.count("findingIntervals", path: path) == 11)
        #expect(next.newFindings == 0 && next.fixedFindings == 0)
        #expect(try store.latestFindings() == Scenario.expected[5].findings.filter { !$0.value.isEmpty })
    }

    /// `Tests/Fixtures/store/release-0.1.0-three-runs.sqlite` (see its README): the v1 rows are read with
    /// plain SQL before the migration, and every reader must give them back after it.
    @Test func theMigrationKeepsEveryRunOfAStoreWrittenByTheReleaseBinary() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/store/release-0.1.0-three-runs.sqlite")
        let path = Self.temporaryPath()
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        var expected: [Int64: [String: [Finding]]] = [:]
        var starts: [Int64: String] = [:]
        let decoder = JSONDecoder()
        try DatabaseQueue(path: path).read { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, startedAt FROM runs") { starts[row["id"]] = row["startedAt"] }
            for row in try Row.fetchAll(db, sql: "SELECT runID, imageDigest, record FROM findings ORDER BY runID, rowid") {
                let text: String = row["record"]
                expected[row["runID"], default: [:]][row["imageDigest"], default: []].append(try decoder.decode(Finding.self, from: Data(text.utf8)))
            }
        }
        let runsBefore = try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC") }
        let recorded: [Finding] = expected.values.flatMap { images in images.values.flatMap { $0 } }
        #expect(recorded.count == 126)
        #expect(recorded.contains { $0.isNew }, "the fixture has new findings")

        let store = try ScoutStore(path: path)
        let runs = try store.runs()
        #expect(runs.map(\.id) == runsBefore.map { $0["id"] as Int64 })
        let totalsBefore: [Int] = runsBefore.map { row in
            let critical: Int = row["critical"], high: Int = row["high"], medium: Int = row["medium"]
            let low: Int = row["low"], unspecified: Int = row["unspecified"]
            return critical + high + medium + low + unspecified
        }
        #expect(runs.map(\.counts.total) == totalsBefore)
        let newBefore: [Int] = runsBefore.map { $0["newFindings"] }
        let fixedBefore: [Int] = runsBefore.map { $0["fixedFindings"] }
        #expect(runs.map(\.newFindings) == newBefore && runs.map(\.fixedFindings) == fixedBefore)
        for (runID, images) in expected {
            #expect(try store.findings(ofRun: runID) == images.mapValues { $0.sortedByPriority() }, "run \(runID)")
            let summaries = try store.findingSummaries(ofRun: runID).mapValues(Set.init)
            #expect(summaries == images.mapValues { Set($0.map {
                FindingSummary(key: $0.key, suppressed: $0.suppression != nil,
                               sourceKey: "\($0.vulnerabilityID) \($0.package.matchName) \($0.package.matchVersion)")
            }) })
        }
        let latestBefore = try #require(expected[runs[0].id]).mapValues { $0.sortedByPriority() }
        #expect(try store.latestFindings() == latestBefore)
        let firstRun = runs.last!.id
        for change in try store.runChanges(limit: 10) {
            let notable = (expected[change.runID] ?? [:]).mapValues { list in
                list.filter { $0.isNew && $0.firstSeen == starts[change.runID] && change.runID != firstRun && RunChanges.isNotable($0) }.sortedByPriority()
            }.filter { !$0.value.isEmpty }
            #expect(Dictionary(uniqueKeysWithValues: change.images.filter { !$0.newFindings.isEmpty }.map { ($0.digest, $0.newFindings) }) == notable, "run \(change.runID)")
        }
        #expect(try Self.count("findingIntervals", path: path) < 126)
        #expect(try store.integrityCheck() == "ok")
    }
}
