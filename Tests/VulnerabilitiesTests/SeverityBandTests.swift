import ScoutModel
import Testing
@testable import Vulnerabilities

/// A CVSS score is labelled by its own version's bands (issue 19, point 5), and the finding says which.
@Suite struct SeverityBandTests {
    static func finding(advisoryVector: String? = nil, nvd: CVSSRecord? = nil) throws -> Finding {
        let advisory = Advisory(
            id: "OSV-5", aliases: ["CVE-2099-0005"],
            severity: advisoryVector.map { [SeverityScore(type: $0.hasPrefix("CVSS:") ? "CVSS_V3" : "CVSS_V2", score: $0)] } ?? [],
            affected: [AffectedPackage(ecosystem: "npm", name: "pkg", ranges: [
                AffectedRange(type: .semver, events: [.introduced("0"), .fixed("2.0.0")]),
            ])])
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:s"), os: nil, packages: [
            Package(type: .npm, name: "pkg", version: "1.0.0", purl: "pkg:npm/pkg@1.0.0", cataloger: "npm"),
        ], warnings: [])
        let index = AdvisoryIndex(sources: [("ghsa", [advisory])], cvss: nvd.map { [$0] } ?? [])
        return try #require(Matcher.match(sbom, against: index).findings.first)
    }

    /// v2 has Low, Medium and High only: 10.0 is High, not Critical.
    @Test func cvss2TenIsHigh() throws {
        let f = try Self.finding(advisoryVector: "AV:N/AC:L/Au:N/C:C/I:C/A:C")
        #expect(f.cvssScore == 10.0)
        #expect(f.severity == .high)
        #expect(f.severitySource == "ghsa (CVSS 2.0)")
    }

    /// The same score in v3.1 is Critical.
    @Test func cvss31NineEightIsCritical() throws {
        let f = try Self.finding(advisoryVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(f.cvssScore == 9.8)
        #expect(f.severity == .critical)
        #expect(f.severitySource == "ghsa (CVSS 3.1)")
    }

    /// v3.x calls 0.0 None: no Scout band of its own (unspecified), but the source says None.
    @Test func cvss31ZeroIsNone() throws {
        let f = try Self.finding(advisoryVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")
        #expect(f.cvssScore == 0.0)
        #expect(f.severity == .unspecified)
        #expect(f.severitySource == "ghsa (CVSS 3.1: None)")
    }

    /// NVD's published score for the alias, banded by its vector's version (v2 here: 9.3 is High).
    @Test func nvdAliasIsBandedByItsVersion() throws {
        let record = CVSSRecord(vulnerabilityID: "CVE-2099-0005", vector: "AV:N/AC:M/Au:N/C:C/I:C/A:C", score: 9.3, scorer: "nvd@nist.gov", isPrimary: true)
        let f = try Self.finding(nvd: record)
        #expect(f.severity == .high)
        #expect(f.severitySource == "NVD (CVSS 2.0)")
    }
}
