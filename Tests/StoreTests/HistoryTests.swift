import Foundation
import ScoutModel
import Testing
@testable import Store

/// The reads behind the site's repository history and trends (migration `v2-site`).
@Suite struct HistoryTests {
    @Test func aMovedTagKeepsItsEarlierDigestInTheHistory() throws {
        let (store, _) = try StoreTests().temporaryStore()
        var other = StoreTests.sbom
        other.metadata.manifestDigest = "sha256:bbbb"
        try store.saveImage(StoreTests.sbom, source: "s", at: "t0")
        try store.saveImage(other, source: "s", at: "t1")
        try store.recordTag(repository: "library/alpine", tag: "3.11", digest: "sha256:aaaa", source: "s", at: "2026-01-01T00:00:00Z")
        try store.recordTag(repository: "library/alpine", tag: "3.11", digest: "sha256:aaaa", source: "s", at: "2026-01-02T00:00:00Z")
        try store.recordTag(repository: "library/alpine", tag: "3.11", digest: "sha256:bbbb", source: "s", at: "2026-01-03T00:00:00Z")
        let history = try store.tagHistory()
        #expect(history.map(\.digest) == ["sha256:aaaa", "sha256:bbbb"])
        #expect(history.map(\.since) == ["2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"], "seeing a pointer again keeps its first time")
        #expect(history.map(\.isCurrent) == [false, true])
        // The old digest has no tag any more, but the images stay.
        #expect(try store.images().first { $0.sbom.metadata.manifestDigest == "sha256:aaaa" }?.tags.isEmpty == true)
    }

    @Test func trendsCountVulnerabilitiesAndNewAndFixedFindingsPerRun() throws {
        let (store, _) = try StoreTests().temporaryStore()
        try store.saveImage(StoreTests.sbom, source: "s", at: "t0")
        let digest = "sha256:aaaa"
        var libssl = StoreTests.finding("CVE-1", .high)
        libssl.package.name = "libssl1.1"
        // Run 1: CVE-1 on two binary packages (one vulnerability), CVE-2 low.
        try store.recordRun(startedAt: "2026-01-01T00:00:00Z", finishedAt: "f", advisorySnapshot: [:],
                            findings: [digest: [StoreTests.finding("CVE-1", .high), libssl, StoreTests.finding("CVE-2", .low)]], warnings: [:])
        // Run 2: CVE-2 fixed, CVE-3 critical new.
        try store.recordRun(startedAt: "2026-01-02T00:00:00Z", finishedAt: "f", advisorySnapshot: [:],
                            findings: [digest: [StoreTests.finding("CVE-1", .high), libssl, StoreTests.finding("CVE-3", .critical)]], warnings: [:])
        let trend = try #require(try store.imageTrends()[digest])
        #expect(trend.map(\.runAt) == ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"])
        #expect(trend[0].counts == SeverityCounts(high: 1, low: 1), "CVE-1 counts once although two packages have it")
        #expect(trend[1].counts == SeverityCounts(critical: 1, high: 1))
        #expect(trend.map(\.newFindings) == [0, 1])
        #expect(trend.map(\.fixedFindings) == [0, 1])
        #expect(try store.fixedSinceLastRun()[digest] == ["CVE-2 libcrypto1.1 1.1.1d-r3"])
    }
}
