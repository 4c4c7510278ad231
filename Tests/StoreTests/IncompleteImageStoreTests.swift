import Foundation
import GRDB
import ScoutModel
import Testing
@testable import Store

/// Issue 18.2: an incomplete SBOM is never the image's analysis: a look-up by digest misses it, and
/// a complete read of the same digest replaces it.
@Suite struct IncompleteImageStoreTests {
    static let layerFailure = ScanWarning(
        subject: "sha256:beee", message: "Failed to read layer 'sha256:beee…' of 'alpine.tar': the uncompressed tar hashes to sha256:1 but the config lists diffID sha256:2; its files were ignored.")

    static func sbom(incomplete: Bool) -> ImageSBOM {
        var sbom = StoreTests.sbom
        sbom.metadata.manifestDigest = "sha256:damaged"
        if incomplete {
            var warning = layerFailure
            warning.incomplete = true
            sbom.packages = []
            sbom.warnings = [warning]
        }
        return sbom
    }

    @Test func anIncompleteImageIsStoredButReadAgainAndReplaced() throws {
        let (store, _) = try StoreTests().temporaryStore()
        try store.saveImage(Self.sbom(incomplete: true), source: "archive://alpine.tar", at: "2026-01-01T00:00:00Z")
        #expect(try store.hasImage(digest: "sha256:damaged"), "kept, so the site can say why")
        #expect(try !store.hasCompleteImage(digest: "sha256:damaged"))
        #expect(try store.storedPackageCount(digest: "sha256:damaged") == nil, "a nightly run reads it again")
        #expect(try store.image(digest: "sha256:damaged")?.sbom.isIncomplete == true)

        try store.saveImage(Self.sbom(incomplete: false), source: "archive://alpine.tar", at: "2026-01-02T00:00:00Z")
        let repaired = try #require(try store.image(digest: "sha256:damaged"))
        #expect(!repaired.sbom.isIncomplete)
        #expect(repaired.sbom.packages.count == 1)
        #expect(repaired.firstSeen == "2026-01-01T00:00:00Z", "first seen is kept")
        #expect(try store.storedPackageCount(digest: "sha256:damaged") == 1)

        // A complete analysis is never replaced.
        try store.saveImage(Self.sbom(incomplete: true), source: "archive://alpine.tar", at: "2026-01-03T00:00:00Z")
        #expect(try store.image(digest: "sha256:damaged")?.sbom.packages.count == 1)
    }

    @Test func imagesStoredIncompleteBeforeTheFlagExistedAreReadAgain() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ScoutStore.migrator.migrate(queue, upTo: "v2-feeds")
            // Rows as earlier versions wrote them: warnings without the flag.
            let legacy = try ScoutStore.json([Self.layerFailure])
            let parse = try ScoutStore.json([ScanWarning(subject: "package.json", message: "Failed to parse the manifest: unexpected end of input.")])
            let metadata = try ScoutStore.json(ImageMetadata(manifestDigest: "sha256:x"))
            try queue.write { db in
                for (digest, warnings) in [("sha256:legacy", legacy), ("sha256:parsed", parse)] {
                    try db.execute(sql: "INSERT INTO images (digest, metadata, os, warnings, source, firstSeen) VALUES (?, ?, NULL, ?, 'archive://x', '2025-01-01T00:00:00Z')",
                                   arguments: [digest, metadata, warnings])
                }
            }
        }
        let store = try ScoutStore(path: path)
        #expect(try store.storedPackageCount(digest: "sha256:legacy") == nil, "the cached 0-package SBOM is no longer served")
        #expect(try store.image(digest: "sha256:legacy")?.sbom.incompleteReasons.count == 1)
        #expect(try store.storedPackageCount(digest: "sha256:parsed") == 0, "a parse warning leaves the image complete")
    }
}
