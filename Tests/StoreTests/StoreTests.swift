import Foundation
import ScoutModel
import Testing
@testable import Store

@Suite struct StoreTests {
    func temporaryStore() throws -> (ScoutStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
        return (try ScoutStore(path: path), path)
    }

    static let package = Package(
        type: .apk, name: "libcrypto1.1", version: "1.1.1d-r3", sourceName: "openssl",
        purl: "pkg:apk/alpine/libcrypto1.1@1.1.1d-r3?arch=x86_64", licenses: ["OpenSSL"],
        layerDiffID: "sha256:beee9f30bc1f711043e78d4a2be0668955d4b761d587d6f60c2c8dc081efb203",
        locations: ["lib/apk/db/installed"], cataloger: "apk-db-cataloger", architecture: "x86_64")

    static let sbom = ImageSBOM(
        metadata: ImageMetadata(manifestDigest: "sha256:aaaa", configDigest: "sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72",
                                platform: Platform(os: "linux", architecture: "amd64"), created: "2020-03-23T21:19:34.196162891Z", size: 2_721_520),
        os: OSRelease(id: "alpine", versionID: "3.11.5"), packages: [package], warnings: [ScanWarning(subject: "x", message: "y")])

    static func finding(_ id: String, _ severity: Severity) -> Finding {
        Finding(vulnerabilityID: id, package: package, severity: severity, affectedRange: "<1.1.1g-r0", fixedVersions: ["1.1.1g-r0"], ecosystem: "Alpine:v3.11")
    }

    @Test func savesAndReadsAnSBOMWithTags() throws {
        let (store, _) = try temporaryStore()
        #expect(try !store.hasImage(digest: "sha256:aaaa"))
        try store.saveImage(Self.sbom, source: "archive://alpine.tar", at: "2026-01-01T00:00:00Z")
        try store.recordTag(repository: "library/alpine", tag: "3.11", digest: "sha256:aaaa", source: "archive://alpine.tar", at: "2026-01-01T00:00:00Z")
        #expect(try store.hasImage(digest: "sha256:aaaa"))
        let images = try store.images()
        #expect(images.count == 1)
        #expect(images[0].sbom == Self.sbom)
        #expect(images[0].tags.map(\.tag) == ["3.11"])
        // Saving the same digest again keeps the first analysis.
        var changed = Self.sbom
        changed.packages = []
        try store.saveImage(changed, source: "other", at: "2026-02-01T00:00:00Z")
        #expect(try store.images()[0].sbom.packages.count == 1)
        #expect(try store.images()[0].firstSeen == "2026-01-01T00:00:00Z")
    }

    @Test func replacingAdvisoriesIsPerSource() throws {
        let (store, _) = try temporaryStore()
        let a = Advisory(id: "CVE-1", affected: [AffectedPackage(ecosystem: "Alpine:v3.11", name: "openssl")])
        let b = Advisory(id: "CVE-2")
        try store.replaceAdvisories(source: "one", format: "osv", location: "/a", advisories: [a, b], cvss: [], warnings: [], at: "t1")
        try store.replaceAdvisories(source: "two", format: "nvd", location: "/b", advisories: [], cvss: [
            CVSSRecord(vulnerabilityID: "CVE-1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, scorer: "nvd@nist.gov", isPrimary: true,
                       published: "2021-08-24T15:15:09.133"),
        ], warnings: [], at: "t1")
        #expect(try store.advisories().cvss.map(\.published) == ["2021-08-24T15:15:09.133"], "NVD's publication date is kept")
        #expect(try store.advisoryRecords().cvss.map(\.published) == ["2021-08-24T15:15:09.133"])
        try store.replaceAdvisories(source: "one", format: "osv", location: "/a", advisories: [b], cvss: [], warnings: [], at: "t2")
        let loaded = try store.advisories()
        #expect(loaded.sources.map(\.name) == ["one"])
        #expect(loaded.sources[0].advisories.map(\.id) == ["CVE-2"])
        #expect(loaded.cvss.map(\.score) == [9.8])
        let sources = try store.advisorySources()
        #expect(sources.map(\.records) == [1, 1])
        #expect(sources[0].importedAt == "t2")
    }

    @Test func failedSourceKeepsItsRecords() throws {
        let (store, _) = try temporaryStore()
        try store.replaceAdvisories(source: "one", format: "osv", location: "/a", advisories: [Advisory(id: "CVE-1")], cvss: [], warnings: [], at: "t1")
        try store.recordSourceFailure(source: "one", format: "osv", location: "/a", warning: ScanWarning(subject: "/a", message: "gone"))
        #expect(try store.advisories().sources.first?.advisories.count == 1)
        let status = try #require(try store.advisorySources().first)
        #expect(status.records == 1 && status.importedAt == "t1" && status.warnings.map(\.message) == ["gone"])
    }

    @Test func runsTrackNewFixedAndFirstSeen() throws {
        let (store, _) = try temporaryStore()
        try store.saveImage(Self.sbom, source: "s", at: "t0")
        let first = try store.recordRun(startedAt: "2026-01-01T00:00:00Z", finishedAt: "f", advisorySnapshot: ["one": 2],
                                        findings: ["sha256:aaaa": [Self.finding("CVE-1", .high), Self.finding("CVE-2", .low)]], warnings: [:])
        #expect(first.newFindings == 0, "the first run has nothing to compare with")
        #expect(first.counts == SeverityCounts(high: 1, low: 1))
        let second = try store.recordRun(startedAt: "2026-01-02T00:00:00Z", finishedAt: "f", advisorySnapshot: ["one": 2],
                                         findings: ["sha256:aaaa": [Self.finding("CVE-1", .high), Self.finding("CVE-3", .critical)]], warnings: [:])
        #expect(second.newFindings == 1)
        #expect(second.fixedFindings == 1)
        let latest = try #require(try store.latestFindings()["sha256:aaaa"])
        let byID = Dictionary(uniqueKeysWithValues: latest.map { ($0.vulnerabilityID, $0) })
        #expect(byID["CVE-1"]?.firstSeen == "2026-01-01T00:00:00Z")
        #expect(byID["CVE-1"]?.isNew == false)
        #expect(byID["CVE-3"]?.firstSeen == "2026-01-02T00:00:00Z")
        #expect(byID["CVE-3"]?.isNew == true)
        #expect(try store.runs().map(\.id) == [second.id, first.id])
    }

    @Test func repositoriesFollowTheConfigAndKeepHistory() throws {
        let (store, _) = try temporaryStore()
        try store.syncRepositories([("library/alpine", true, "archive://"), ("example/hello", false, "oci-dir://")])
        try store.saveImage(Self.sbom, source: "s", at: "t0")
        try store.recordTag(repository: "library/alpine", tag: "3.11", digest: "sha256:aaaa", source: "s", at: "t0")
        try store.replaceRepositoryWarnings(repository: "library/alpine", warnings: [ScanWarning(subject: "library/alpine:3.12", message: "missing")])
        let repositories = try store.repositories()
        #expect(repositories.map(\.name) == ["example/hello", "library/alpine"])
        #expect(repositories.map(\.enabled) == [false, true])
        #expect(repositories[1].imageCount == 1)
        #expect(repositories[1].warnings.map(\.message) == ["missing"])
        try store.syncRepositories([("library/alpine", false, "archive://")])
        #expect(try store.repositories().first { $0.name == "library/alpine" }?.enabled == false)
        #expect(try store.imageCount() == 1)
    }

    @Test func integrityAndUnopenablePath() throws {
        let (store, _) = try temporaryStore()
        #expect(try store.integrityCheck() == "ok")
        #expect(throws: StoreError.self) { try ScoutStore(path: "/nonexistent-folder/x/store.sqlite") }
    }
}

@Suite struct StoredListTests {
    @Test func plainListsReadWithoutADecoderAndOthersFallBack() throws {
        #expect(ScoutStore.plainStrings("[]") == [])
        #expect(ScoutStore.plainStrings("[\"lib/apk/db/installed\"]") == ["lib/apk/db/installed"])
        #expect(ScoutStore.plainStrings("[\"MIT\",\"BSD-3-Clause\"]") == ["MIT", "BSD-3-Clause"])
        #expect(ScoutStore.plainStrings("[\"a\\\"b\"]") == nil, "escapes go through JSONDecoder")
        #expect(ScoutStore.plainStrings("[\"a\",]") == nil)
        #expect(ScoutStore.plainStrings("[\"a\" \"b\"]") == nil)
        #expect(ScoutStore.plainStrings("[\"unterminated]") == nil)
        // JSONEncoder escapes every slash: `\/` is the one escape read here.
        #expect(ScoutStore.plainStrings("[\"lib\\/apk\\/db\\/installed\",\"\\/\"]") == ["lib/apk/db/installed", "/"])
        #expect(ScoutStore.plainStrings("[\"a\\n\"]") == nil, "other escapes go through JSONDecoder")
        #expect(ScoutStore.plainStrings("[\"a\\\"]") == nil)
        #expect(try ScoutStore.json(["lib/apk/db/installed"]) == "[\"lib\\/apk\\/db\\/installed\"]", "the form this store writes")
        // Through the decoder either way, the same list comes back.
        for list in [["a\"b", "c\\d"], ["é", "x y"], ["usr/lib/x/", "/"], []] {
            let text = try ScoutStore.json(list)
            #expect(try ScoutStore.decode([String].self, text, what: "list", operation: "test", path: "p") == list)
        }
    }
}
