import Foundation
import ScoutModel
import Testing
@testable import Store

/// The tag history behind the site's repository pages (migration `v2-base`); trends are tested with the feeds.
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
}
