import Foundation
import ScoutModel
import Store
import Testing
import Vulnerabilities
@testable import Pipeline

/// Incremental re-evaluation (issue 15 point 3): two stores live the same five nights (the bundled
/// alpine-secdb and Alpine images; a synthetic source whose advisories are added, changed and withdrawn;
/// an image added; a tag moved; an ignore entry that follows the tag; KEV and EPSS imported). One matches everything each night,
/// the other only what can have changed: every night both record the same findings, counts and warnings.
@Suite struct IncrementalReevaluationTests {
    static let night = (1...5).map { "2026-04-0\($0)T02:00:00Z" }

    /// `SYN-…` advisories (synthetic, labelled so) on packages of the two images' Alpine releases.
    static func synthetic(_ id: String, ecosystem: String, package: String, fixed: String? = nil, score: String? = nil,
                          withdrawn: String? = nil) -> Advisory {
        var events: [RangeEvent] = [.introduced("0")]
        if let fixed { events.append(.fixed(fixed)) }
        return Advisory(id: id, summary: "Synthetic advisory for the incremental re-evaluation test", withdrawn: withdrawn,
                        severity: score.map { [SeverityScore(type: "CVSS_V3", score: $0)] } ?? [],
                        affected: [AffectedPackage(ecosystem: ecosystem, name: package, ranges: [AffectedRange(type: .ecosystem, events: events)])])
    }

    static func replaceSynthetic(_ store: ScoutStore, _ advisories: [Advisory], at time: String) throws {
        try store.replaceAdvisories(source: "synthetic", format: "osv", location: "/synthetic", advisories: advisories, cvss: [], warnings: [], at: time)
    }

    /// Applies night `index`'s changes to `store`, then evaluates it (`full` or not).
    static func live(night index: Int, store: ScoutStore, full: Bool) throws -> Reevaluation.Outcome {
        let time = night[index]
        let clock = Clock(pinned: time)
        let image310 = "archive://" + FeedPaths.repository("examples/images/alpine-310.tar.gz")
        let image311 = "archive://" + FeedPaths.repository("examples/images/alpine-311.tar.gz")
        var ignore: [IgnoreEntry] = []
        switch index {
        case 0:
            _ = try AdvisoryImporter(store: store, clock: clock).importSource(
                name: "alpine-secdb", format: "alpine-secdb", path: FeedPaths.repository("examples/advisories/alpine-secdb"))
            let digest = try ImageAnalyzer(store: store, platform: nil, clock: clock).analyse(image310).sbom.metadata.manifestDigest
            try store.recordTag(repository: "library/alpine", tag: "3", digest: digest, source: image310, at: time)
        case 1:
            // An image arrives; two advisories appear, one for each image's release.
            _ = try ImageAnalyzer(store: store, platform: nil, clock: clock).analyse(image311)
            try replaceSynthetic(store, [
                synthetic("SYN-0001", ecosystem: "Alpine:v3.10", package: "musl"),
                synthetic("SYN-0002", ecosystem: "Alpine:v3.11", package: "busybox"),
            ], at: time)
        case 2:
            // SYN-0001 gets a score (another severity), SYN-0002 is withdrawn.
            try replaceSynthetic(store, [
                synthetic("SYN-0001", ecosystem: "Alpine:v3.10", package: "musl", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                synthetic("SYN-0002", ecosystem: "Alpine:v3.11", package: "busybox", withdrawn: time),
            ], at: time)
        case 3:
            // The tag moves to the 3.11 image and an ignore entry for that tag appears; one more advisory for 3.11.
            let digest = try #require(try store.images().first { $0.sbom.os?.versionID?.hasPrefix("3.11") == true }?.sbom.metadata.manifestDigest)
            try store.recordTag(repository: "library/alpine", tag: "3", digest: digest, source: image311, at: time)
            try replaceSynthetic(store, [
                synthetic("SYN-0001", ecosystem: "Alpine:v3.10", package: "musl", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                synthetic("SYN-0002", ecosystem: "Alpine:v3.11", package: "busybox", withdrawn: night[2]),
                synthetic("SYN-0003", ecosystem: "Alpine:v3.11", package: "zlib"),
            ], at: time)
            ignore = [IgnoreEntry(id: "SYN-0003", image: "library/alpine:3", reason: "test", source: "scout-report.yml")]
        default:
            // KEV and EPSS arrive (the format samples, whose ids meet these images' findings): no advisory
            // changed, so nothing is matched again, and the carried findings must still show them.
            for (name, file) in [("kev", "kev-format-sample.json"), ("epss", "epss-format-sample.csv")] {
                _ = try AdvisoryImporter(store: store, clock: clock).importSource(name: name, format: name, path: FeedPaths.fixture("feeds/" + file))
            }
            ignore = [IgnoreEntry(id: "SYN-0003", image: "library/alpine:3", reason: "test", source: "scout-report.yml")]
        }
        var reevaluation = Reevaluation(store: store, clock: clock)
        reevaluation.ignore = ignore
        reevaluation.full = full
        return try reevaluation.run(startedAt: time)
    }

    @Test func incrementalNightsRecordWhatFullNightsRecord() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let incremental = try ScoutStore(path: folder.appendingPathComponent("incremental.sqlite").path)
        let full = try ScoutStore(path: folder.appendingPathComponent("full.sqlite").path)
        var matched: [Int] = []
        for index in Self.night.indices {
            let partial = try Self.live(night: index, store: incremental, full: false)
            let whole = try Self.live(night: index, store: full, full: true)
            matched.append(partial.imagesMatched)
            #expect(whole.imagesMatched == whole.imagesEvaluated)
            #expect(partial.findings == whole.findings, "night \(index + 1)")
            #expect(try incremental.latestFindings() == (try full.latestFindings()), "night \(index + 1)")
            #expect(try incremental.latestEvaluationWarnings() == (try full.latestEvaluationWarnings()), "night \(index + 1)")
            let (a, b) = (partial.run, whole.run)
            #expect(a.counts == b.counts && a.newFindings == b.newFindings && a.fixedFindings == b.fixedFindings, "night \(index + 1)")
            let trendA: [String: [SeverityCounts]] = try incremental.imageTrends().trends.mapValues { $0.map(\.counts) }
            let trendB: [String: [SeverityCounts]] = try full.imageTrends().trends.mapValues { $0.map(\.counts) }
            #expect(trendA == trendB, "night \(index + 1)")
        }
        // Night 1 and the new image of night 2 are matched; the changed advisory keys pick their image only.
        #expect(matched == [1, 2, 2, 1, 0])
        let latest = try incremental.latestFindings().values.flatMap { $0 }
        let ids = latest.map(\.vulnerabilityID)
        #expect(ids.contains("SYN-0001") && !ids.contains("SYN-0002"), "the withdrawal took effect")
        #expect(latest.first { $0.vulnerabilityID == "SYN-0001" }?.severity == .critical, "the changed advisory's score took effect")
        #expect(latest.first { $0.vulnerabilityID == "SYN-0003" }?.suppression?.kind == .ignore, "the ignore entry follows the moved tag")
        #expect(latest.contains { $0.vulnerabilityID == "CVE-2020-28928" && $0.kev != nil && $0.epss?.score == 0.00042 },
                "KEV and EPSS are attached to carried-over findings")
    }

    @Test func aRunOfAnotherMatchingVersionIsFollowedByAFullOne() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        _ = try Self.live(night: 0, store: store, full: false)
        let basis = try store.evaluationBasis(ofRun: try store.latestRunID())
        let digests = try store.imageIdentities().map(\.digest)
        #expect(basis.matchingVersion == MatchBasis.matchingVersion)
        #expect(basis.advisorySequence == (try store.advisorySequence()))
        #expect(try Reevaluation.imagesToMatch(digests, before: basis, store: store) == [])
        var older = basis
        older.matchingVersion = MatchBasis.matchingVersion - 1
        #expect(try Reevaluation.imagesToMatch(digests, before: older, store: store) == nil)
        var unsequenced = basis
        unsequenced.advisorySequence = nil
        #expect(try Reevaluation.imagesToMatch(digests, before: unsequenced, store: store) == nil)
    }
}
