import Foundation
import GRDB
import ScoutModel
import Testing
@testable import Store

/// What imports record for re-evaluation (migration `v6-match-keys`): the match keys whose advisories
/// were added, changed or withdrawn, or whose CVSS records changed, stamped with the import's sequence;
/// the keys each image looks up; the advisories under given keys.
@Suite struct MatchKeyChangeTests {
    static let time = "2026-05-01T00:00:00Z"

    static func store() throws -> ScoutStore {
        try ScoutStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("match-keys-\(UUID().uuidString).sqlite").path)
    }

    static func advisory(_ id: String, _ package: String, ecosystem: String = "Alpine:v3.20", aliases: [String] = [],
                         summary: String = "synthetic", modified: String? = nil, withdrawn: String? = nil) -> Advisory {
        Advisory(id: id, aliases: aliases, summary: summary, modified: modified, withdrawn: withdrawn,
                 affected: [AffectedPackage(ecosystem: ecosystem, name: package,
                                            ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0")])])])
    }

    static func replace(_ store: ScoutStore, _ source: String, _ advisories: [Advisory], cvss: [CVSSRecord] = []) throws {
        try store.replaceAdvisories(source: source, format: "osv", location: "/synthetic", advisories: advisories, cvss: cvss, warnings: [], at: time)
    }

    /// The keys changed by the next import, and the sequence after it.
    static func changes(_ store: ScoutStore, _ body: () throws -> Void) throws -> Set<String> {
        let before = try store.advisorySequence()
        try body()
        return try store.changedMatchKeys(since: before)
    }

    @Test func importsStampOnlyTheKeysWhoseAdvisoriesChanged() throws {
        let store = try Self.store()
        #expect(try Self.changes(store) { try Self.replace(store, "a", [Self.advisory("SYN-1", "musl"), Self.advisory("SYN-2", "zlib")]) }
                == ["Alpine:v3.20 musl", "Alpine:v3.20 zlib"])
        let first = try store.advisorySequence()
        #expect(first > 0)
        // The same records again: nothing changed, no new sequence.
        #expect(try Self.changes(store) { try Self.replace(store, "a", [Self.advisory("SYN-1", "musl"), Self.advisory("SYN-2", "zlib")]) } == [])
        #expect(try store.advisorySequence() == first)
        // SYN-1 changed, SYN-2 gone, SYN-3 new; another key unchanged is not stamped.
        try Self.replace(store, "a", [Self.advisory("SYN-1", "musl"), Self.advisory("SYN-2", "zlib"), Self.advisory("SYN-9", "curl")])
        #expect(try Self.changes(store) {
            try Self.replace(store, "a", [Self.advisory("SYN-1", "musl", summary: "changed"), Self.advisory("SYN-3", "openssl"),
                                          Self.advisory("SYN-9", "curl")])
        } == ["Alpine:v3.20 musl", "Alpine:v3.20 zlib", "Alpine:v3.20 openssl"])
        // An advisory that moves to another package touches both keys; a withdrawal touches its key.
        #expect(try Self.changes(store) {
            try Self.replace(store, "a", [Self.advisory("SYN-1", "busybox", summary: "changed"), Self.advisory("SYN-3", "openssl", withdrawn: Self.time),
                                          Self.advisory("SYN-9", "curl")])
        } == ["Alpine:v3.20 musl", "Alpine:v3.20 busybox", "Alpine:v3.20 openssl"])
        #expect(try store.activeAdvisoryCount() == 2, "the withdrawn advisory is not counted")
    }

    @Test func aChangedCVSSRecordStampsTheKeysOfEveryAdvisoryNamingItsID() throws {
        let store = try Self.store()
        try Self.replace(store, "osv", [Self.advisory("SYN-1", "musl", aliases: ["CVE-2099-0001"]), Self.advisory("SYN-2", "zlib")])
        let low = CVSSRecord(vulnerabilityID: "CVE-2099-0001", vector: "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", score: 1.8, scorer: "nvd", isPrimary: true)
        #expect(try Self.changes(store) { try Self.replace(store, "nvd", [], cvss: [low]) } == ["Alpine:v3.20 musl"])
        #expect(try Self.changes(store) { try Self.replace(store, "nvd", [], cvss: [low]) } == [])
        var high = low
        high.score = 9.8
        #expect(try Self.changes(store) { try Self.replace(store, "nvd", [], cvss: [high]) } == ["Alpine:v3.20 musl"])
        #expect(try Self.changes(store) { try Self.replace(store, "nvd", [], cvss: []) } == ["Alpine:v3.20 musl"], "a removed record counts")
        // The records under a key come with the CVSS records of the ids they name, and nothing else.
        try Self.replace(store, "nvd", [], cvss: [high, CVSSRecord(vulnerabilityID: "CVE-2099-0002", vector: "x", score: 5, scorer: "nvd", isPrimary: true)])
        let read = try store.advisoryRecords(keys: ["Alpine:v3.20 musl"])
        #expect(read.sources.map(\.name) == ["osv"] && read.sources.first?.records.count == 1)
        #expect(read.cvss.map(\.vulnerabilityID) == ["CVE-2099-0001"])
    }

    @Test func aFeedImportIndexesTheRecordThatWins() throws {
        let store = try Self.store()
        _ = try store.replaceSource(source: "feed", format: "osv", location: "x", at: Self.time) { writer in
            try writer.insert(advisories: [Self.advisory("SYN-1", "musl", modified: "2026-02-01T00:00:00Z")])
            // An older copy of the same id, on another package: it loses and must not be indexed.
            try writer.insert(advisories: [Self.advisory("SYN-1", "zlib", modified: "2026-01-01T00:00:00Z")])
            return .commit(warnings: [])
        }
        #expect(try store.advisoryRecords(keys: ["Alpine:v3.20 musl"]).sources.first?.records.count == 1)
        #expect(try store.advisoryRecords(keys: ["Alpine:v3.20 zlib"]).sources.isEmpty)
        #expect(try store.changedMatchKeys(since: 0) == ["Alpine:v3.20 musl"])
    }

    @Test func imagesAreFoundByTheKeysTheirPackagesLookUp() throws {
        let store = try Self.store()
        func image(_ digest: String, _ packages: [(String, String?)]) -> ImageSBOM {
            ImageSBOM(metadata: ImageMetadata(manifestDigest: digest), os: OSRelease(id: "alpine", versionID: "3.20.1"),
                      packages: packages.map { Package(type: .apk, name: $0.0, version: "1", sourceName: $0.1, purl: "pkg:apk/\($0.0)", cataloger: "apk") },
                      warnings: [])
        }
        try store.saveImage(image("sha256:a", [("musl-utils", "musl"), ("zlib", nil)]), source: "test", at: Self.time)
        try store.saveImage(image("sha256:b", [("zlib", nil)]), source: "test", at: Self.time)
        try store.saveImage(image("sha256:c", [("busybox", nil)]), source: "test", at: Self.time)
        #expect(try store.imagesLookingUp(["Alpine:v3.20 musl"]) == ["sha256:a"], "looked up by the source package's name")
        #expect(try store.imagesLookingUp(["Alpine:v3.20 zlib", "Alpine:v3.20 curl"]) == ["sha256:a", "sha256:b"])
        #expect(try store.imagesLookingUp([]) == [])
        #expect(try Self.count("matchKeySets", store) == 3)
        try store.saveImage(image("sha256:d", [("zlib", nil)]), source: "test", at: Self.time)
        #expect(try Self.count("matchKeySets", store) == 3, "an image with the same keys shares the set")
        #expect(try store.images(only: ["sha256:b", "sha256:d"]).map(\.sbom.metadata.manifestDigest) == ["sha256:b", "sha256:d"])
    }

    static func count(_ table: String, _ store: ScoutStore) throws -> Int {
        try DatabaseQueue(path: store.path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }
}
