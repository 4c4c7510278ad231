import Foundation
import GRDB
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

/// A repository's scan lands in one transaction: tags (with their history), warnings and the time.
@Suite struct RepositoryScanTests {
    @Test func recordsTagsWarningsAndTimeTogether() throws {
        let (store, path) = try StoreTests().temporaryStore()
        var other = StoreTests.sbom
        other.metadata.manifestDigest = "sha256:bbbb"
        try store.saveImage(StoreTests.sbom, source: "s", at: "t0")
        try store.saveImage(other, source: "s", at: "t1")
        try store.syncRepositories([("app", true, "config")])
        try store.recordRepositoryScan(repository: "app", tags: [
            ScannedTag(tag: "1.0", digest: "sha256:aaaa", source: "oci-dir://a", at: "2026-01-01T00:00:00Z"),
            ScannedTag(tag: "2.0", digest: "sha256:bbbb", source: "oci-dir://b", at: "2026-01-01T00:00:01Z"),
        ], warnings: [ScanWarning(subject: "app:3.0", message: "unreadable")], analysedAt: "2026-01-01T00:00:00Z")
        var repository = try #require(try store.repositories().first)
        #expect(repository.lastAnalysed == "2026-01-01T00:00:00Z")
        #expect(repository.warnings == [ScanWarning(subject: "app:3.0", message: "unreadable")])
        #expect(repository.imageCount == 2)

        // Next night: 1.0 unchanged, 2.0 moved, no warnings.
        try store.recordRepositoryScan(repository: "app", tags: [
            ScannedTag(tag: "1.0", digest: "sha256:aaaa", source: "oci-dir://a", at: "2026-01-02T00:00:00Z"),
            ScannedTag(tag: "2.0", digest: "sha256:aaaa", source: "oci-dir://b", at: "2026-01-02T00:00:01Z"),
        ], warnings: [], analysedAt: "2026-01-02T00:00:00Z")
        repository = try #require(try store.repositories().first)
        #expect(repository.lastAnalysed == "2026-01-02T00:00:00Z")
        #expect(repository.warnings.isEmpty)
        let history = try store.tagHistory()
        #expect(history.map { "\($0.tag) \($0.digest) \($0.since)" } == [
            "1.0 sha256:aaaa 2026-01-01T00:00:00Z", "2.0 sha256:bbbb 2026-01-01T00:00:01Z", "2.0 sha256:aaaa 2026-01-02T00:00:01Z",
        ])
        // An unchanged tag keeps its time; a moved one takes the new one.
        let queue = try DatabaseQueue(path: path)
        let updated = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT tag, updatedAt FROM tags ORDER BY tag").map { "\($0["tag"] as String) \($0["updatedAt"] as String)" }
        }
        #expect(updated == ["1.0 2026-01-01T00:00:00Z", "2.0 2026-01-02T00:00:01Z"])
    }
}
