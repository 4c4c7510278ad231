import Reports
import ScoutModel
import Testing

/// The risk order: the formula, and the order every list of findings takes from it.
@Suite struct FindingPriorityTests {
    static func finding(_ id: String, _ severity: Severity, kev: Bool = false, epss: Double? = nil, fixed: Bool = false,
                        package: String = "openssl", cvss: Double? = nil) -> Finding {
        Finding(vulnerabilityID: id, package: Package(type: .deb, name: package, version: "1.0", purl: "pkg:deb/debian/\(package)@1.0", cataloger: "dpkg-db-cataloger"),
                severity: severity, cvssScore: cvss, affectedRange: "<2.0", fixedVersions: fixed ? ["2.0"] : [], ecosystem: "Debian:12",
                kev: kev ? KEVEntry(cveID: id) : nil, epss: epss.map { EPSSScore(cveID: id, score: $0, percentile: 0.5) })
    }

    @Test func scoreIsTheDocumentedSum() {
        #expect(FindingPriority(kev: false, severity: .critical, epss: nil, fixAvailable: false).score == 40)
        #expect(FindingPriority(kev: true, severity: .low, epss: 0.5, fixAvailable: true).score == 70 + 10 + 10 + 5)
        #expect(FindingPriority(kev: false, severity: .high, epss: 0.9, fixAvailable: true).score == 30 + 18 + 5)
        #expect(FindingPriority(kev: false, severity: .unspecified, epss: 7, fixAvailable: false).score == 20, "EPSS is a probability: clamped to 1")
        #expect(FindingPriority(kev: false, severity: .medium, epss: 0.123, fixAvailable: true).display == "27.5")
    }

    @Test func knownExploitedBeatsEveryUnlistedFinding() {
        let kevLow = Self.finding("CVE-2021-0001", .unspecified, kev: true)
        let worstUnlisted = Self.finding("CVE-2021-0002", .critical, epss: 1, fixed: true)
        #expect(kevLow.precedes(worstUnlisted))
        #expect(!worstUnlisted.precedes(kevLow))
    }

    @Test func likelyExploitationAndFixesReorderSeverities() {
        let likelyHigh = Self.finding("CVE-2022-0001", .high, epss: 0.9, fixed: true)
        let quietCritical = Self.finding("CVE-2022-0002", .critical)
        #expect(likelyHigh.precedes(quietCritical), "53 before 40")
        let fixable = Self.finding("CVE-2022-0004", .high, fixed: true)
        let unfixed = Self.finding("CVE-2022-0003", .high)
        #expect([unfixed, fixable].sortedByPriority().map(\.vulnerabilityID) == ["CVE-2022-0004", "CVE-2022-0003"], "the one you can fix first")
    }

    @Test func tiesFallBackToSeverityCVSSThenID() {
        // Equal scores (30): the higher CVSS first, then the id.
        let a = Self.finding("CVE-2023-0002", .high, cvss: 8.8)
        let b = Self.finding("CVE-2023-0001", .high, cvss: 7.5)
        let c = Self.finding("CVE-2023-0000", .high, cvss: 7.5)
        #expect([b, c, a].sortedByPriority().map(\.vulnerabilityID) == ["CVE-2023-0002", "CVE-2023-0000", "CVE-2023-0001"])
    }

    @Test func packageGroupsFollowTheirMostUrgentFinding() {
        let findings = [
            Self.finding("CVE-2024-0001", .critical, package: "zlib"),
            Self.finding("CVE-2024-0002", .medium, kev: true, package: "curl"),
            Self.finding("CVE-2024-0003", .high, package: "curl"),
        ]
        #expect(findings.groupedBySourcePackage.map(\.name) == ["curl", "zlib"], "curl holds a KEV finding")
        #expect(findings.groupedBySourcePackage.first?.findings.map(\.vulnerabilityID) == ["CVE-2024-0002", "CVE-2024-0003"])
        #expect(findings.groupedBySourcePackage(order: .severity).map(\.name) == ["zlib", "curl"], "Scout's order: worst severity first")
    }
}
