import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

@Suite struct ImporterTests {
    @Test func osvYAMLKeepsTimestampsAndRanges() throws {
        let text = try String(contentsOfFile: Paths.fixture("advisories/PYSEC-2021-76.yaml"), encoding: .utf8)
        let advisory = try OSVDecoder.decodeYAML(text, path: "PYSEC-2021-76.yaml")
        #expect(advisory.id == "PYSEC-2021-76")
        #expect(advisory.aliases.contains("CVE-2021-21330"))
        let affected = try #require(advisory.affected.first)
        #expect(affected.ecosystem == "PyPI" && affected.name == "aiohttp")
        #expect(affected.ranges.map(\.type) == [.git, .ecosystem])
        #expect(affected.ranges[1].events == [.introduced("0"), .fixed("3.7.4")])
        #expect(affected.versions.contains("0.4.1") && affected.versions.contains("0.1"))
        // YAML timestamps must stay strings as written.
        #expect(advisory.modified?.hasPrefix("20") == true)
    }

    @Test func osvJSONReadsDatabaseSeverityAndCVSS() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("advisories/GHSA-27h2-hvpr-p74q.json")))
        let advisory = try OSVDecoder.decodeJSON(data, path: "GHSA-27h2-hvpr-p74q.json")
        #expect(advisory.aliases == ["CVE-2022-23529"])
        #expect(advisory.databaseSeverity == "HIGH")
        #expect(advisory.severity == [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L")])
        #expect(advisory.affected.first?.name == "jsonwebtoken")
    }

    @Test func malformedOSVNamesTheFile() {
        #expect(throws: ImportError.self) { try OSVDecoder.decodeJSON(Data("{\"summary\": 1}".utf8), path: "bad.json") }
        do {
            _ = try OSVDecoder.decodeJSON(Data("{not json".utf8), path: "dir/broken.json")
            Issue.record("a broken file was accepted")
        } catch {
            #expect(error.description.contains("'dir/broken.json'"))
        }
    }

    @Test func alpineSecDBYAMLUsesOriginAndSkipsNeverVulnerable() throws {
        let loaded = try AdvisoryLoader.load(format: .alpineSecDB, path: Paths.repository("examples/advisories/alpine-secdb"))
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.filesRead == 8)
        let byID = Dictionary(uniqueKeysWithValues: loaded.advisories.map { ($0.id, $0) })
        // busybox "0" entries mean never vulnerable in Alpine: no range at all.
        #expect(byID["CVE-2021-42373"]?.affected.isEmpty ?? true)
        let fixed = try #require(byID["CVE-2021-28831"])
        #expect(fixed.affected.contains(AffectedPackage(ecosystem: "Alpine:v3.11", name: "busybox", ranges: [
            AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("1.31.1-r10")]),
        ])))
        // main.yaml of v3.10 names openssl's CVE-2019-1551 fixed in 1.1.1d-r2.
        let openssl = try #require(byID["CVE-2019-1551"])
        #expect(openssl.affected.contains { $0.ecosystem == "Alpine:v3.10" && $0.name == "openssl" && $0.ranges.first?.events.last == .fixed("1.1.1d-r2") })
    }

    @Test func osvZipImportsEveryRecord() throws {
        let loaded = try AdvisoryLoader.load(format: .osv, path: Paths.repository("examples/advisories/debian-osv.zip"))
        #expect(loaded.advisories.count == 1217)
        #expect(loaded.warnings.isEmpty)
        let log4j = try #require(loaded.advisories.first { $0.id == "DSA-5020-1" })
        #expect(log4j.aliases.contains("CVE-2021-44228"))
        #expect(Set(log4j.affected.map(\.ecosystem)) == ["Debian:10", "Debian:11"])
    }

    @Test func nvdGzipGivesPrimaryAndSecondaryScores() throws {
        let loaded = try AdvisoryLoader.load(format: .nvd, path: Paths.repository("examples/advisories/nvd/nvd-cves.json.gz"))
        let ids = Set(loaded.cvss.map(\.vulnerabilityID))
        #expect(ids.count == 153)
        // CVE-2022-1292: NVD 7.3 (Primary), CISA ADP 9.8 (Secondary).
        let records = loaded.cvss.filter { $0.vulnerabilityID == "CVE-2022-1292" }
        #expect(records.contains { $0.isPrimary && $0.score == 7.3 })
        #expect(records.contains { !$0.isPrimary && $0.score == 9.8 })
    }

    @Test func oneBadFileInAFolderIsAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("osv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Paths.fixture("advisories/GO-2024-2598.json"), toPath: folder.appendingPathComponent("GO-2024-2598.json").path)
        try Data("{\"id\": \"X\", \"affected\": [{\"package\": {}}]}".utf8).write(to: folder.appendingPathComponent("broken.json"))
        let loaded = try AdvisoryLoader.load(format: .osv, path: folder.path)
        #expect(loaded.advisories.map(\.id) == ["GO-2024-2598"])
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.subject.hasSuffix("broken.json") == true)
    }

    @Test func missingPathThrows() {
        #expect(throws: ImportError.self) { try AdvisoryLoader.load(format: .osv, path: "/nonexistent/advisories") }
    }
}
