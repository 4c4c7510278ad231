import Reports
import ScoutModel
import Testing

@Suite struct CVEsFilterTests {
    @Test func severityFilterKeepsPackages() throws {
        let image = try ReportFixtures.alpine("3.11")
        let filtered = CVEsFilter(onlySeverities: [.critical]).apply(to: image)
        #expect(Set(filtered.findings.map(\.vulnerabilityID)) == ["CVE-2021-3711"])
        // Both openssl binaries keep the finding; the SBOM is untouched.
        #expect(filtered.findings.count == 2)
        #expect(filtered.sbom.packages.count == 14)
    }

    @Test func packageTypeAndNameFiltersNarrowPackages() throws {
        let image = try ReportFixtures.alpine("3.11")
        let byRegex = CVEsFilter(onlyPackageRegex: ["^musl"]).apply(to: image)
        #expect(Set(byRegex.sbom.packages.map(\.name)) == ["musl", "musl-utils"])
        #expect(Set(byRegex.findings.map(\.vulnerabilityID)) == ["CVE-2020-28928"])
        // The source name matches too: `openssl` selects libcrypto1.1 and libssl1.1.
        let bySource = CVEsFilter(onlyPackageRegex: ["^openssl$"]).apply(to: image)
        #expect(Set(bySource.sbom.packages.map(\.name)) == ["libcrypto1.1", "libssl1.1"])
        let byType = CVEsFilter(onlyPackageTypes: [.deb]).apply(to: image)
        #expect(byType.sbom.packages.isEmpty && byType.findings.isEmpty)
    }

    @Test func idAndFixFilters() throws {
        let image = try ReportFixtures.postgres()
        // An advisory alias selects its CVEs.
        let byAlias = CVEsFilter(onlyCVEIDs: ["DSA-4963-1"]).apply(to: image)
        #expect(Set(byAlias.findings.map(\.vulnerabilityID)) == ["CVE-2021-3711", "CVE-2021-3712"])
        #expect(CVEsFilter(onlyUnfixed: true).apply(to: image).findings.isEmpty)
        #expect(CVEsFilter(onlyFixed: true).apply(to: image).findings.count == image.findings.count)
    }

    @Test func invalidPatternIsReported() {
        let filter = CVEsFilter(onlyPackageRegex: ["(unclosed"])
        #expect(throws: ReportError.self) { try filter.validate() }
        #expect(throws: Never.self) { try CVEsFilter(onlyPackageRegex: ["^lib"]).validate() }
    }
}
