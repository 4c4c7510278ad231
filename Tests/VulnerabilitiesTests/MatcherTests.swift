import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

@Suite struct MatcherTests {
    static func apk(_ name: String, _ version: String, origin: String) -> Package {
        Package(type: .apk, name: name, version: version, sourceName: origin, purl: "pkg:apk/alpine/\(name)@\(version)", cataloger: "apk-db-cataloger")
    }

    static func deb(_ name: String, _ version: String, source: String) -> Package {
        Package(type: .deb, name: name, version: version, sourceName: source, purl: "pkg:deb/debian/\(name)@\(version)", cataloger: "dpkg-db-cataloger")
    }

    static func image(_ os: OSRelease, _ packages: [Package]) -> ImageSBOM {
        ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:test"), os: os, packages: packages, warnings: [])
    }

    static let index: AdvisoryIndex = {
        let alpine = try! AdvisoryLoader.load(format: .alpineSecDB, path: Paths.repository("examples/advisories/alpine-secdb"))
        let debian = try! AdvisoryLoader.load(format: .osv, path: Paths.repository("examples/advisories/debian-osv.zip"))
        let nvd = try! AdvisoryLoader.load(format: .nvd, path: Paths.repository("examples/advisories/nvd/nvd-cves.json.gz"))
        return AdvisoryIndex(sources: [("alpine-secdb", alpine.advisories), ("debian", debian.advisories)], cvss: nvd.cvss)
    }()

    @Test func alpine311MatchesTheWorkedOutFindings() {
        let sbom = Self.image(OSRelease(id: "alpine", versionID: "3.11.5"), [
            Self.apk("libcrypto1.1", "1.1.1d-r3", origin: "openssl"),
            Self.apk("busybox", "1.31.1-r9", origin: "busybox"),
            Self.apk("musl", "1.1.24-r2", origin: "musl"),
            Self.apk("zlib", "1.2.11-r3", origin: "zlib"),
        ])
        let result = Matcher.match(sbom, against: Self.index)
        #expect(result.warnings.isEmpty)
        let byPackage = Dictionary(grouping: result.findings, by: \.package.name).mapValues { Set($0.map(\.vulnerabilityID)) }
        #expect(byPackage["libcrypto1.1"] == [
            "CVE-2020-1967", "CVE-2020-1971", "CVE-2021-23839", "CVE-2021-23840", "CVE-2021-23841",
            "CVE-2021-3449", "CVE-2021-3450", "CVE-2021-3711", "CVE-2021-3712",
        ])
        let busybox = byPackage["busybox"] ?? []
        #expect(busybox.count == 11)
        #expect(busybox.contains("CVE-2021-28831"))
        #expect(!busybox.contains("CVE-2021-42373"), "a \"0\" secfix means never vulnerable")
        #expect(byPackage["musl"] == ["CVE-2020-28928"])
        #expect(byPackage["zlib"] == nil)
    }

    @Test func fixedVersionEqualToInstalledIsNotVulnerable() {
        // CVE-2019-1551 is fixed in 1.1.1d-r2 in v3.10: the installed 1.1.1d-r2 is not affected.
        let sbom = Self.image(OSRelease(id: "alpine", versionID: "3.10.4"), [Self.apk("libssl1.1", "1.1.1d-r2", origin: "openssl")])
        let ids = Set(Matcher.match(sbom, against: Self.index).findings.map(\.vulnerabilityID))
        #expect(!ids.contains("CVE-2019-1551"))
        #expect(ids.contains("CVE-2020-1967"))
        #expect(ids.count == 7)
    }

    @Test func releaseMustMatch() {
        // The same package in Alpine 3.9 has no advisories in this data: nothing, not 3.10's.
        let sbom = Self.image(OSRelease(id: "alpine", versionID: "3.9.6"), [Self.apk("libssl1.1", "1.1.1d-r2", origin: "openssl")])
        #expect(Matcher.match(sbom, against: Self.index).findings.isEmpty)
    }

    @Test func debianMatchesBySourcePackageAndSplitsDSAsIntoCVEs() throws {
        let sbom = Self.image(OSRelease(id: "debian", versionID: "10", codename: "buster"), [
            Self.deb("libssl1.1", "1.1.1d-0+deb10u4", source: "openssl"),
            Self.deb("zlib1g", "1:1.2.11.dfsg-1", source: "zlib"),
            Self.deb("libbsd0", "0.9.1-2", source: "libbsd"),
        ])
        let findings = Matcher.match(sbom, against: Self.index).findings
        #expect(findings.allSatisfy { $0.ecosystem == "Debian:10" })
        #expect(!findings.contains { $0.package.name == "libbsd0" }, "no buster entry for libbsd in this snapshot")
        let zlib = findings.filter { $0.package.name == "zlib1g" }
        #expect(Set(zlib.map(\.vulnerabilityID)) == ["CVE-2018-25032", "CVE-2022-37434"])
        // Each finding names the DSA/DLA it came from and a fixed version that sorts after the epoch one.
        let first = try #require(zlib.first)
        #expect(first.aliases.contains { $0.hasPrefix("DSA-") || $0.hasPrefix("DLA-") })
        #expect(first.fixedVersions.allSatisfy { $0.hasPrefix("1:1.2.11.dfsg-1+deb10u") })
        // One finding per CVE per package even when several DSAs name the same CVE.
        let keys = findings.map { "\($0.package.name) \($0.vulnerabilityID)" }
        #expect(keys.count == Set(keys).count)
    }

    @Test func severityFallsBackToTheNVDAlias() throws {
        let sbom = Self.image(OSRelease(id: "alpine", versionID: "3.11.5"), [Self.apk("musl", "1.1.24-r2", origin: "musl")])
        let finding = try #require(Matcher.match(sbom, against: Self.index).findings.first)
        #expect(finding.vulnerabilityID == "CVE-2020-28928")
        #expect(finding.severitySource == "NVD (CVSS 3.1)")
        #expect(finding.cvssScore == 5.5)
        #expect(finding.severity == .medium)
        #expect(finding.cvssVector?.hasPrefix("CVSS:3.1/") == true)
    }

    @Test func databaseSeverityWinsOverCVSS() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("advisories/GHSA-27h2-hvpr-p74q.json")))
        let ghsa = try OSVDecoder.decodeJSON(data, path: "ghsa.json")
        let index = AdvisoryIndex(sources: [("ghsa", [ghsa])], cvss: [])
        let package = Package(type: .npm, name: "jsonwebtoken", version: "8.5.1", purl: "pkg:npm/jsonwebtoken@8.5.1", cataloger: "npm")
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:x"), os: nil, packages: [package], warnings: [])
        let finding = try #require(Matcher.match(sbom, against: index).findings.first)
        #expect(finding.vulnerabilityID == "CVE-2022-23529")
        #expect(finding.aliases == ["GHSA-27h2-hvpr-p74q"])
        #expect(finding.severity == .high)
        #expect(finding.cvssScore == 7.6, "the GHSA's own CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L")
        #expect(finding.fixedVersions == ["9.0.0"])
        let fixed = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:y"), os: nil, packages: [
            Package(type: .npm, name: "jsonwebtoken", version: "9.0.0", purl: "pkg:npm/jsonwebtoken@9.0.0", cataloger: "npm"),
        ], warnings: [])
        #expect(Matcher.match(fixed, against: index).findings.isEmpty)
    }

    @Test func unreadableVersionIsReportedNotMatched() {
        let sbom = Self.image(OSRelease(id: "alpine", versionID: "3.11.5"), [Self.apk("musl", "not a version!", origin: "musl")])
        let result = Matcher.match(sbom, against: Self.index)
        #expect(result.findings.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.message.contains("not a version!") == true)
    }

    @Test func withdrawnAdvisoriesDropOut() {
        var advisory = Advisory(id: "OSV-1", affected: [AffectedPackage(ecosystem: "Alpine:v3.11", name: "musl", ranges: [
            AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("9.9-r0")]),
        ])])
        let sbom = Self.image(OSRelease(id: "alpine", versionID: "3.11.5"), [Self.apk("musl", "1.1.24-r2", origin: "musl")])
        #expect(Matcher.match(sbom, against: AdvisoryIndex(sources: [("s", [advisory])], cvss: [])).findings.count == 1)
        advisory.withdrawn = "2024-01-01T00:00:00Z"
        #expect(Matcher.match(sbom, against: AdvisoryIndex(sources: [("s", [advisory])], cvss: [])).findings.isEmpty)
    }

    @Test func osvRangeSemantics() throws {
        let evaluator = RangeEvaluator(scheme: .semver)
        let range = AffectedRange(type: .semver, events: [.introduced("1.0.0"), .fixed("1.2.0"), .introduced("2.0.0"), .lastAffected("2.1.0")])
        #expect(try !evaluator.isAffected("0.9.0", in: range))
        #expect(try evaluator.isAffected("1.0.0", in: range))
        #expect(try evaluator.isAffected("1.1.9", in: range))
        #expect(try !evaluator.isAffected("1.2.0", in: range))
        #expect(try evaluator.isAffected("2.1.0", in: range))
        #expect(try !evaluator.isAffected("2.1.1", in: range))
        // Events out of order are sorted first.
        let shuffled = AffectedRange(type: .semver, events: [.fixed("1.2.0"), .introduced("1.0.0")])
        #expect(try evaluator.isAffected("1.1.0", in: shuffled))
        #expect(RangeEvaluator.describe(AffectedPackage(ecosystem: "npm", name: "x", ranges: [range])) == ">=1.0.0, <1.2.0, >=2.0.0, <=2.1.0")
    }
}
