import Reports
import ScoutModel
import Testing

@Suite struct CVEsReportTests {
    @Test func summaryLines() throws {
        let alpine = try ReportFixtures.alpine("3.11")
        // 3 source packages (openssl, busybox, musl); 9 + 11 + 1 vulnerabilities.
        #expect(CVEsReport.summaryLine(alpine) == "✗ Detected 3 vulnerable packages with a total of 21 vulnerabilities")
        var one = alpine
        one.findings = alpine.findings.filter { $0.vulnerabilityID == "CVE-2020-28928" }
        #expect(CVEsReport.summaryLine(one) == "✗ Detected 1 vulnerable package with a total of 1 vulnerability")
        var none = alpine
        none.findings = []
        #expect(CVEsReport.summaryLine(none) == "✓ No vulnerable package detected")
    }

    @Test func packagesLayoutAlpine() throws {
        let text = CVEsReport.packages(try ReportFixtures.alpine("3.11"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "## Overview")
        #expect(lines[2] == String(repeating: " ", count: 20) + "│       Analyzed Image")
        #expect(lines[3] == String(repeating: "─", count: 20) + "┼" + String(repeating: "─", count: 30))
        #expect(lines.contains("    digest          │  a187dde48cd2"))
        #expect(lines.contains("    platform        │ linux/amd64"))
        #expect(lines.contains("    vulnerabilities │    1C    14H     5M     1L"))
        #expect(lines.contains("    size            │ 5.9 MB"))
        #expect(lines.contains("    packages        │ 14"))
        // Worst package first: openssl has the critical CVE-2021-3711.
        let first = try #require(lines.firstIndex { $0.hasSuffix("openssl 1.1.1d-r3") })
        #expect(lines[first] == "   1C     4H     3M     1L  openssl 1.1.1d-r3")
        #expect(lines[first + 1] == "pkg:apk/alpine/libcrypto1.1@1.1.1d-r3?os_name=alpine&os_version=3.11")
        #expect(lines[first + 3] == "    ✗ CRITICAL CVE-2021-3711")
        #expect(lines[first + 4] == "      https://nvd.nist.gov/vuln/detail/CVE-2021-3711")
        #expect(lines[first + 5] == "      Affected range : <1.1.1l-r0")
        #expect(lines[first + 6] == "      Fixed version  : 1.1.1l-r0")
        #expect(lines[first + 7] == "      CVSS Score     : 9.8")
        #expect(lines[first + 8] == "      CVSS Vector    : CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(lines.contains("21 vulnerabilities found in 3 packages"))
        #expect(Array(lines.suffix(5)) == ["  LOW       1", "  MEDIUM    5", "  HIGH      14", "  CRITICAL  1", ""])
        #expect(!lines.contains { $0.hasSuffix(" ") })
        assertGolden(text, named: "CVEsPackagesAlpine311")
    }

    @Test func packagesLayoutWithLocations() throws {
        let text = CVEsReport.packages(try ReportFixtures.alpine("3.10"), locations: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasSuffix("openssl 1.1.1d-r2") })
        #expect(lines[header + 3] == "0: sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028")
        #expect(lines[header + 4] == "/lib/apk/db/installed (evident by)")
        #expect(lines[header + 5] == "")
        #expect(lines[header + 6] == "    ✗ HIGH CVE-2020-1967")
        assertGolden(text, named: "CVEsPackagesAlpine310Locations")
    }

    @Test func packagesLayoutNoVulnerabilities() throws {
        var image = try ReportFixtures.alpine("3.11")
        image.findings = []
        let text = CVEsReport.packages(image)
        #expect(text.hasSuffix("## Packages and Vulnerabilities\n\n  No vulnerable package detected\n"))
        #expect(text.contains("    vulnerabilities │    0C     0H     0M     0L\n"))
    }

    @Test func packagesLayoutPostgresUnspecified() throws {
        let image = try ReportFixtures.postgres()
        let text = CVEsReport.packages(image)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("  Base image        │  debian:buster-slim"))
        #expect(lines.contains("    size            │ 0 B"))
        #expect(!lines.contains { $0.hasPrefix("    platform") })
        #expect(lines.contains("    ✗ UNSPECIFIED CVE-2023-0215"))
        let tally = try #require(lines.firstIndex { $0.hasSuffix("vulnerabilities found in 9 packages") })
        #expect(lines[tally + 1].hasPrefix("  UNSPECIFIED  3"))
        #expect(lines[tally + 5].hasPrefix("  CRITICAL     "))
        assertGolden(text, named: "CVEsPackagesPostgres")
    }

    @Test func onlyPackagesMatchesScoutsDocumentedTable() throws {
        // Scout's example is `--format only-packages --only-vuln-packages --only-severity critical
        // postgres:13.1`. Our advisory data differs from Scout's (openldap and gnutls28 have no
        // critical CVE here), so the documented column widths are reproduced with every package listed.
        let image = CVEsFilter(onlySeverities: [.critical]).apply(to: try ReportFixtures.postgres())
        let text = CVEsReport.onlyPackages(image, onlyVulnPackages: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "     Name            Version         Type        Vulnerabilities")
        #expect(lines[1] == String(repeating: "─", count: 75))
        #expect(lines.contains("  dpkg        1.19.7                 deb      1C     0H     0M     0L"))
        #expect(lines.contains("  glibc       2.28-10                deb      4C     0H     0M     0L"))
        #expect(lines.contains("  lz4         1.8.3-1                deb      1C     0H     0M     0L"))
        #expect(lines.contains("  zlib        1:1.2.11.dfsg-1        deb      1C     0H     0M     0L"))
        #expect(lines.contains("  openldap    2.4.47+dfsg-3+deb10u5  deb      0C     0H     0M     0L"))
        #expect(lines.count == 2 + 10)
        let names = lines.dropFirst(2).map { $0.split(separator: " ")[0] }
        #expect(names == names.sorted())
        assertGolden(text, named: "CVEsOnlyPackagesPostgresCritical")

        let vulnerable = CVEsReport.onlyPackages(image, onlyVulnPackages: true)
        let vulnerableNames = vulnerable.split(separator: "\n").dropFirst(2).map { String($0.split(separator: " ")[0]) }
        #expect(vulnerableNames == ["dpkg", "glibc", "libksba", "libtasn1-6", "lz4", "openssl", "zlib"])
        assertGolden(vulnerable, named: "CVEsOnlyVulnPackagesPostgresCritical")
    }

    @Test func onlyPackagesListsEveryPackage() throws {
        let text = CVEsReport.onlyPackages(try ReportFixtures.alpine("3.11"), onlyVulnPackages: false)
        let lines = text.split(separator: "\n").map(String.init)
        // 14 binary packages, 11 source packages (busybox, musl and openssl have two binaries each).
        #expect(lines.count == 2 + 11)
        #expect(lines.contains("  openssl            1.1.1d-r3    apk      1C     4H     3M     1L"))
        #expect(lines.contains("  alpine-baselayout  3.2.0-r3     apk      0C     0H     0M     0L"))
        #expect(Set(lines.dropFirst(2).map { $0.count }).count == 1)
        assertGolden(text, named: "CVEsOnlyPackagesAlpine311")
    }
}
