import Foundation
import ScoutModel
import Store
import Testing
@testable import Pipeline

/// Real advisory feeds (Alpine secdb, Debian OSV zip, NVD, PyPI YAML zip, Go, GHSA) through the importer,
/// the store and the re-evaluation, checked finding by finding.
@Suite struct RealFeedsTests {
    static func importEverything(into store: ScoutStore) throws {
        let importer = AdvisoryImporter(store: store, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        let sources: [(String, String, String)] = [
            ("alpine-secdb", "alpine-secdb", FeedPaths.repository("examples/advisories/alpine-secdb")),
            ("debian", "osv", FeedPaths.repository("examples/advisories/debian-osv.zip")),
            ("nvd", "nvd", FeedPaths.repository("examples/advisories/nvd/nvd-cves.json.gz")),
            ("pypi", "osv", FeedPaths.fixture("feeds/osv-pypi-yaml.zip")),
            ("go", "osv", FeedPaths.fixture("feeds/osv-go")),
            ("ghsa", "osv", FeedPaths.fixture("feeds/ghsa")),
            ("kev", "kev", FeedPaths.fixture("feeds/kev-format-sample.json")),
            ("epss", "epss", FeedPaths.fixture("feeds/epss-format-sample.csv.gz")),
        ]
        for (name, format, path) in sources {
            let result = try importer.importSource(name: name, format: format, path: path)
            #expect(result.imported, "\(name): \(result.warnings)")
            #expect(result.warnings.isEmpty, "\(name): \(result.warnings)")
        }
    }

    static func languageImage() -> ImageSBOM {
        func package(_ type: PackageType, _ name: String, _ version: String) -> Package {
            Package(type: type, name: name, version: version, purl: "pkg:\(type.rawValue)/\(name)@\(version)", cataloger: "test")
        }
        return ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:" + String(repeating: "1", count: 64)), os: nil, packages: [
            package(.pypi, "requests", "2.22.0"),
            package(.pypi, "pip", "22.2.2"),
            package(.pypi, "setuptools", "57.4.0"),
            package(.npm, "jsonwebtoken", "8.5.1"),
            package(.npm, "lodash", "4.17.11"),
            package(.golang, "stdlib", "1.22.0"),
        ], warnings: [])
    }

    @Test func realFeedsEndToEnd() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        try Self.importEverything(into: store)
        let sources = Dictionary(uniqueKeysWithValues: try store.advisorySourceDetails().map { ($0.name, $0.records) })
        #expect(sources["debian"] == 1217 && sources["pypi"] == 14 && sources["ghsa"] == 3 && sources["kev"] == 2 && sources["epss"] == 3)

        // A real image read once, and a language SBOM.
        let clock = Clock(pinned: "2026-01-01T00:00:00Z")
        let analysed = try ImageAnalyzer(store: store, platform: nil, clock: clock)
            .analyse("archive://" + FeedPaths.repository("examples/images/alpine-311.tar.gz"))
        try store.saveImage(Self.languageImage(), source: "test", at: clock.now())
        let outcome = try Reevaluation(store: store, clock: clock).run(startedAt: clock.now())
        #expect(outcome.imagesEvaluated == 2)
        let findings = try store.latestFindings()

        let alpine = try #require(findings[analysed.sbom.metadata.manifestDigest])
        // Severity only an NVD alias can supply: the secdb entry has none, NVD scores CVE-2020-28928 5.5.
        let musl = try #require(alpine.first { $0.vulnerabilityID == "CVE-2020-28928" })
        #expect(musl.package.name == "musl")
        #expect(musl.severitySource == "NVD (CVSS 3.1)")
        #expect(musl.severity == .medium && musl.cvssScore == 5.5)
        #expect(musl.cvssVector == "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H")
        #expect(musl.fixedVersions == ["1.1.24-r3"])
        // KEV and EPSS attached by CVE id (format-sample values).
        #expect(musl.kev?.dateAdded == "2000-01-01")
        #expect(musl.epss?.scoreDisplay == "0.042%")
        let openssl = try #require(alpine.first { $0.vulnerabilityID == "CVE-2021-3449" && $0.package.name == "libssl1.1" })
        #expect(openssl.epss?.percentileDisplay == "97th percentile")
        #expect(openssl.kev == nil)

        let language = try #require(findings["sha256:" + String(repeating: "1", count: 64)])
        func one(_ id: String, _ package: String) throws -> Finding {
            try #require(language.first { $0.vulnerabilityID == id && $0.package.name == package }, "\(id) in \(package)")
        }
        // PyPA YAML from a zip: id is the CVE, the PYSEC record an alias.
        let requests = try one("CVE-2023-32681", "requests")
        #expect(requests.aliases.contains("PYSEC-2023-74"))
        #expect(requests.fixedVersions == ["2.31.0"], "the GIT range's commit is not a version")
        #expect(try one("CVE-2023-5752", "pip").aliases.contains("PYSEC-2023-228"))
        #expect(try one("CVE-2022-40897", "setuptools").aliases.contains("PYSEC-2022-43012"))
        // GHSA: the database's own word wins, the advisory's vector is shown.
        let jwt = try one("CVE-2022-23529", "jsonwebtoken")
        #expect(jwt.severity == .high && jwt.severitySource == "ghsa")
        #expect(jwt.cvssVector == "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L")
        let jwtNoCVSS = try one("CVE-2022-23539", "jsonwebtoken")
        #expect(jwtNoCVSS.severity == .medium && jwtNoCVSS.cvssScore == nil, "MODERATE from the database, no CVSS anywhere")
        #expect(try one("CVE-2019-10744", "lodash").severity == .critical)
        // Go stdlib: no severity in the record nor in this NVD subset: unspecified, as Scout shows it.
        let go = try one("CVE-2023-45288", "stdlib")
        #expect(go.aliases.contains("GO-2024-2687"))
        #expect(go.severity == .unspecified && go.severitySource == nil)
        #expect(go.fixedVersions.contains("1.22.2"))
    }

    @Test func aFailedImportKeepsThePreviousRecords() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        let importer = AdvisoryImporter(store: store, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        #expect(try importer.importSource(name: "kev", format: "kev", path: FeedPaths.fixture("feeds/kev-format-sample.json")).imported)
        let broken = folder.appendingPathComponent("kev.json")
        try Data("{\"count\": 5, \"vulnerabilities\": []}".utf8).write(to: broken)
        let result = try importer.importSource(name: "kev", format: "kev", path: broken.path)
        #expect(!result.imported)
        #expect(result.warnings.first?.message.contains("previous records were kept") == true)
        let status = try #require(try store.advisorySourceDetails().first { $0.name == "kev" })
        #expect(status.records == 2)
        #expect(try store.exploitability().kev.count == 2)
        #expect(status.warnings.count == 1)
    }
}
