import Testing
import BaseImages
import ScoutModel

/// The fixable policy's grace period counts from the vulnerability's publication, as Scout's "Age"
/// does (issue 16): a new installation or a newly pushed image must not pass for a month.
@Suite struct PolicyGraceTests {
    static let now = "2026-01-10T00:00:00Z"

    static func image(_ findings: [Finding]) -> ImageReport {
        let package = findings.first?.package ?? Package(type: .deb, name: "openssl", version: "1.1.1d-0+deb10u3", purl: "pkg:deb/debian/openssl@1.1.1d-0+deb10u3", cataloger: "dpkg-db-cataloger")
        return ImageReport(repository: "library/postgres", tags: ["13.1"], source: "s", sbom: ImageSBOM(
            metadata: ImageMetadata(manifestDigest: "sha256:1", user: "postgres"), os: nil, packages: [package], warnings: []),
            findings: findings)
    }

    static func finding(_ id: String, severity: Severity = .critical, published: String?, firstSeen: String?, fixed: Bool = true) -> Finding {
        let package = Package(type: .deb, name: "openssl", version: "1.1.1d-0+deb10u3", purl: "pkg:deb/debian/openssl@1.1.1d-0+deb10u3", cataloger: "dpkg-db-cataloger")
        return Finding(vulnerabilityID: id, package: package, severity: severity, affectedRange: "<1.1.1k-1+deb10u1",
                       fixedVersions: fixed ? ["1.1.1k-1+deb10u1"] : [], ecosystem: "Debian:10", firstSeen: firstSeen, published: published)
    }

    static func fixable(_ findings: [Finding], grace: Int = 30) -> PolicyResult {
        let report = PolicyEvaluator(settings: PolicySettings(fixableGraceDays: grace), now: now).evaluate(image(findings), base: nil)
        return report.results.first { $0.id == "fixable-critical-high" }!
    }

    @Test func anOldVulnerabilitySeenYesterdayFailsAtOnce() {
        // Published 2021, first seen by this installation yesterday: Scout counts 4 years, not 1 day.
        let result = Self.fixable([Self.finding("CVE-2021-3711", published: "2021-08-24T15:15:00Z", firstSeen: "2026-01-09T00:00:00Z")])
        #expect(result.status == .violated)
        #expect(result.counts == SeverityCounts(critical: 1))
        #expect(result.note == nil, "every finding had a publication date")
    }

    @Test func aFreshVulnerabilitySeenLongAgoIsStillWithinGrace() {
        // Published five days ago (the advisory is new), though the package was seen long before.
        let result = Self.fixable([Self.finding("CVE-2026-0001", severity: .high, published: "2026-01-05T00:00:00Z", firstSeen: "2025-01-01T00:00:00Z")])
        #expect(result.status == .compliant)
        #expect(result.detail == "0C 0H")
    }

    @Test func nvdTimesWithoutAZoneAreRead() {
        // NVD's `published` has no zone: `2017-02-13T18:59:00.753`.
        let result = Self.fixable([Self.finding("CVE-2017-0001", published: "2017-02-13T18:59:00.753", firstSeen: "2026-01-09T00:00:00Z")])
        #expect(result.status == .violated)
        #expect(PublicationDate.parse("2017-02-13T18:59:00.753") == PublicationDate.parse("2017-02-13T18:59:00Z"))
        #expect(PublicationDate.parse("2022-08-04") == PublicationDate.parse("2022-08-04T00:00:00Z"))
        #expect(PublicationDate.parse("not a date") == nil)
    }

    @Test func withoutAPublicationDateFirstSeenIsUsedAndSaidSo() {
        let aged = Self.finding("ALPINE-1", published: nil, firstSeen: "2025-06-01T00:00:00Z")
        let fresh = Self.finding("ALPINE-2", severity: .high, published: nil, firstSeen: "2026-01-09T00:00:00Z")
        let dated = Self.finding("CVE-2021-3711", published: "2021-08-24T15:15:00Z", firstSeen: "2026-01-09T00:00:00Z")
        let result = Self.fixable([aged, fresh, dated])
        #expect(result.status == .violated)
        #expect(result.counts == SeverityCounts(critical: 2), "ALPINE-1 by first seen, CVE-2021-3711 by publication; ALPINE-2 is 1 day old")
        #expect(result.note == "2 fixable critical or high vulnerabilities have no known publication date: their age counts from when scout-report first saw them")
    }

    @Test func unfixableAndLowerSeveritiesNeverCount() {
        let result = Self.fixable([
            Self.finding("CVE-1", published: "2020-01-01T00:00:00Z", firstSeen: nil, fixed: false),
            Self.finding("CVE-2", severity: .medium, published: "2020-01-01T00:00:00Z", firstSeen: nil),
        ])
        #expect(result.status == .compliant && result.note == nil)
    }

    @Test func earliestPublicationWins() {
        #expect(PublicationDate.earliest("2022-08-04T00:00:00Z", "2021-03-01T10:00:00.000") == "2021-03-01T10:00:00.000")
        #expect(PublicationDate.earliest(nil, "2021-03-01T10:00:00Z") == "2021-03-01T10:00:00Z")
        #expect(PublicationDate.earliest("garbage", "2021-03-01T10:00:00Z") == "2021-03-01T10:00:00Z")
        #expect(PublicationDate.earliest("2021-03-01T10:00:00Z", nil) == "2021-03-01T10:00:00Z")
        #expect(PublicationDate.day("2017-02-13T18:59:00.753") == "2017-02-13")
    }
}
