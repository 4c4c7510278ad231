import Foundation
import GRDB
import ScoutModel
import Store
import Testing
import Vulnerabilities
@testable import Pipeline

/// Re-evaluation that reads only what changed (issue 15.3): the images to match are found through the
/// keys the imports stamped, only their SBOMs are read, and every other image carries its findings over.
/// Two stores live the same nights (one matched in full each night): both record the same answers.
@Suite struct ChangedKeysReevaluationTests {
    typealias Nights = IncrementalReevaluationTests
    static let image310 = "archive://" + FeedPaths.repository("examples/images/alpine-310.tar.gz")
    static let image311 = "archive://" + FeedPaths.repository("examples/images/alpine-311.tar.gz")

    static func score(_ value: Double) -> CVSSRecord {
        CVSSRecord(vulnerabilityID: "CVE-2099-0001", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: value, scorer: "nvd", isPrimary: true)
    }

    static func replaceScores(_ store: ScoutStore, _ records: [CVSSRecord], at time: String) throws {
        try store.replaceAdvisories(source: "scores", format: "nvd", location: "/synthetic", advisories: [], cvss: records, warnings: [], at: time)
    }

    /// Night `index`: 0 imports and analyses, 1 changes only a CVSS record, 2 withdraws an advisory,
    /// 3 adds an ignore entry (no advisory changes), 4 changes nothing.
    static func live(night index: Int, store: ScoutStore, full: Bool) throws -> Reevaluation.Outcome {
        let time = Nights.night[index]
        let clock = Clock(pinned: time)
        var ignore: [IgnoreEntry] = []
        switch index {
        case 0:
            _ = try AdvisoryImporter(store: store, clock: clock).importSource(
                name: "alpine-secdb", format: "alpine-secdb", path: FeedPaths.repository("examples/advisories/alpine-secdb"))
            for image in [image310, image311] { _ = try ImageAnalyzer(store: store, platform: nil, clock: clock).analyse(image) }
            var named = Nights.synthetic("SYN-0001", ecosystem: "Alpine:v3.10", package: "musl")
            named.aliases = ["CVE-2099-0001"]
            try Nights.replaceSynthetic(store, [named, Nights.synthetic("SYN-0002", ecosystem: "Alpine:v3.11", package: "busybox")], at: time)
            try replaceScores(store, [score(2.0)], at: time)
        case 1:
            try replaceScores(store, [score(9.8)], at: time)
        case 2:
            var named = Nights.synthetic("SYN-0001", ecosystem: "Alpine:v3.10", package: "musl")
            named.aliases = ["CVE-2099-0001"]
            try Nights.replaceSynthetic(store, [named, Nights.synthetic("SYN-0002", ecosystem: "Alpine:v3.11", package: "busybox", withdrawn: time)], at: time)
        default:
            ignore = [IgnoreEntry(id: "CVE-2099-0001", reason: "test", source: "scout-report.yml")]
        }
        var reevaluation = Reevaluation(store: store, clock: clock)
        reevaluation.ignore = ignore
        reevaluation.full = full
        return try reevaluation.run(startedAt: time)
    }

    static func expectSameAnswers(_ partial: Reevaluation.Outcome, _ whole: Reevaluation.Outcome,
                                  _ incremental: ScoutStore, _ full: ScoutStore, _ label: String) throws {
        #expect(partial.findings == whole.findings, "\(label)")
        #expect(partial.evaluationWarnings == whole.evaluationWarnings, "\(label)")
        #expect(try incremental.latestFindings() == (try full.latestFindings()), "\(label)")
        let (a, b) = (partial.run, whole.run)
        #expect(a.counts == b.counts && a.newFindings == b.newFindings && a.fixedFindings == b.fixedFindings, "\(label)")
        #expect(partial.suppressed == whole.suppressed && partial.advisoryCount == whole.advisoryCount, "\(label)")
        let trendA: [String: [SeverityCounts]] = try incremental.imageTrends().trends.mapValues { $0.map(\.counts) }
        let trendB: [String: [SeverityCounts]] = try full.imageTrends().trends.mapValues { $0.map(\.counts) }
        #expect(trendA == trendB, "\(label)")
    }

    @Test func onlyTheImagesLookingUpAChangedKeyAreReadAndMatched() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let incremental = try ScoutStore(path: folder.appendingPathComponent("incremental.sqlite").path)
        let full = try ScoutStore(path: folder.appendingPathComponent("full.sqlite").path)
        var matched: [Int] = []
        var sbomsRead: [Int] = []
        for index in Nights.night.indices {
            let readBefore = incremental.sbomsRead
            let partial = try Self.live(night: index, store: incremental, full: false)
            sbomsRead.append(incremental.sbomsRead - readBefore)
            let whole = try Self.live(night: index, store: full, full: true)
            matched.append(partial.imagesMatched)
            #expect(partial.imagesEvaluated == 2 && whole.imagesMatched == 2)
            try Self.expectSameAnswers(partial, whole, incremental, full, "night \(index + 1)")
            let named = partial.findings.values.flatMap { $0 }.first { $0.vulnerabilityID == "CVE-2099-0001" }
            switch index {
            case 0: #expect(named?.severity == .low)
            case 1, 2: #expect(named?.severity == .critical && named?.suppression == nil, "the changed CVSS record took effect")
            default: #expect(named?.suppression?.kind == .ignore, "the ignore entry applies to a carried finding")
            }
            #expect(partial.findings.values.flatMap { $0 }.contains { $0.vulnerabilityID == "SYN-0002" } == (index < 2))
        }
        // Night 1 matches both; then the CVSS change picks the 3.10 image, the withdrawal the 3.11 one,
        // the ignore entry and the quiet night none: the SBOMs of the others are not even read.
        #expect(matched == [2, 1, 1, 0, 0])
        #expect(sbomsRead == [2, 1, 1, 0, 0])
    }

    /// `Tests/Fixtures/store/release-0.1.0-three-runs.sqlite` (written by the release, advisories deleted),
    /// given back the advisories as the store held them before v6: migrated, its first run matches everything;
    /// after that only what changed, through the backfilled advisory keys and image key sets.
    @Test func aStoreMigratedFromTheReleaseMatchesEverythingOnceThenOnlyWhatChanged() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("release.sqlite").path
        try FileManager.default.copyItem(atPath: FeedPaths.fixture("store/release-0.1.0-three-runs.sqlite"), toPath: path)
        let feedPath = folder.appendingPathComponent("advisories.sqlite").path
        let feeds = try ScoutStore(path: feedPath)
        _ = try AdvisoryImporter(store: feeds, clock: Clock(pinned: Nights.night[0])).importSource(
            name: "alpine-secdb", format: "alpine-secdb", path: FeedPaths.repository("examples/advisories/alpine-secdb"))
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "ATTACH DATABASE ? AS feeds", arguments: [feedPath])
            try db.execute(sql: "INSERT INTO advisories (source, id, record) SELECT source, id, record FROM feeds.advisories")
        }
        let store = try ScoutStore(path: path)
        func evaluate(_ index: Int, full: Bool = false) throws -> Reevaluation.Outcome {
            var reevaluation = Reevaluation(store: store, clock: Clock(pinned: Nights.night[index]))
            reevaluation.full = full
            return try reevaluation.run(startedAt: Nights.night[index])
        }
        let first = try evaluate(0)
        #expect(first.imagesEvaluated == 2 && first.imagesMatched == 2, "the run before v6 recorded no sequence")
        #expect(first.run.counts.total > 0)
        let quiet = try evaluate(1)
        #expect(quiet.imagesMatched == 0)
        #expect(try evaluate(2, full: true).findings == quiet.findings)
        // The same feed imported again by today's importer: its digests equal the backfilled ones.
        let before = try store.advisorySequence()
        _ = try AdvisoryImporter(store: store, clock: Clock(pinned: Nights.night[3])).importSource(
            name: "alpine-secdb", format: "alpine-secdb", path: FeedPaths.repository("examples/advisories/alpine-secdb"))
        #expect(try store.changedMatchKeys(since: before) == [])
        #expect(try evaluate(3).imagesMatched == 0)
        // A new advisory on musl of 3.10: the 3.10 image is found through its backfilled key set.
        try Nights.replaceSynthetic(store, [Nights.synthetic("SYN-0001", ecosystem: "Alpine:v3.10", package: "musl")], at: Nights.night[4])
        let changed = try evaluate(4)
        #expect(changed.imagesMatched == 1)
        #expect(changed.findings.values.flatMap { $0 }.contains { $0.vulnerabilityID == "SYN-0001" })
        // Matched in full just after, it finds the same (only the "new" marks differ: seen by the run before).
        let whole = try evaluate(4, full: true)
        func unmarked(_ findings: [String: [Finding]]) -> [String: [Finding]] {
            findings.mapValues { $0.map { finding in var finding = finding; finding.isNew = false; return finding } }
        }
        #expect(unmarked(whole.findings) == unmarked(changed.findings) && whole.run.counts == changed.run.counts)
    }

    /// The package rows read for images matched in part: every name a changed key can stand for, or
    /// whole SBOMs when an ecosystem normalises names (a stored `Foo_Bar` looks up `PyPI foo-bar`).
    @Test func thePackageNamesOfChangedKeys() {
        var plan = MatchPlan(wholly: [], partly: [], changedKeys: ["Alpine:v3.20 musl", "Red Hat openssl-libs"])
        let names = plan.packageNames ?? []
        #expect(names.contains("musl") && names.contains("openssl-libs") && names.contains("Hat openssl-libs"))
        plan.changedKeys.insert("PyPI foo-bar")
        #expect(plan.packageNames == nil)
    }
}
