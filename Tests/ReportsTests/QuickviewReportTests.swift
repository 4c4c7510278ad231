import Reports
import ScoutModel
import Testing

@Suite struct QuickviewReportTests {
    /// Column of `│` in each line that has one (in characters).
    func barColumns(_ text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            line.firstIndex(of: "│").map { line.distance(from: line.startIndex, to: $0) }
        }
    }

    @Test func alpineWithUpdatedBase() throws {
        let image = try ReportFixtures.alpine("3.10")
        let updated = try ReportFixtures.alpine("3.11")
        let text = QuickviewReport.render(image: image, base: image, updatedBase: updated, baseAutoDetected: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == QuickviewReport.autoDetectedNotice)
        // 3.10: openssl 7 CVEs (3 high, 3 medium, 1 low); 3.11 adds a critical, 11 high, 2 medium.
        #expect(lines[2] == "  Your image  alpine:3.10" + String(repeating: " ", count: 10) + "│    0C     3H     3M     1L")
        #expect(lines[3] == "  Base image  alpine:3.10" + String(repeating: " ", count: 10) + "│    0C     3H     3M     1L")
        #expect(lines[4] == "  Updated base image  alpine:3.11  │    1C    14H     5M     1L")
        #expect(lines[5] == String(repeating: " ", count: 35) + "│    +1    +11     +2")
        #expect(Set(barColumns(text)).count == 1)
        assertGolden(text, named: "QuickviewAlpineUpdatedBase")
    }

    @Test func negativeDeltasAndRefreshedRow() throws {
        let image = try ReportFixtures.alpine("3.11")
        let older = try ReportFixtures.alpine("3.10")
        let text = QuickviewReport.render(image: image, base: image, refreshedBase: older, updatedBase: older)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[2].hasPrefix("  Refreshed base image  alpine:3.10  │"))
        #expect(lines[3].hasSuffix("│    -1    -11     -2"))
        #expect(lines[5].hasSuffix("│    -1    -11     -2"))
        #expect(Set(barColumns(text)).count == 1)
        #expect(!text.contains("?"))
        assertGolden(text, named: "QuickviewAlpineRefreshedBase")
    }

    @Test func unspecifiedColumnOnlyWhereNonZero() throws {
        let image = try ReportFixtures.postgres()
        var base = image
        base.findings = image.findings.filter { $0.severity != .unspecified }
        base.tags = ["13.1-filtered"]
        let text = QuickviewReport.render(image: image, base: nil, updatedBase: base)
        let lines = text.split(separator: "\n").map(String.init)
        // Three CVEs (openssl, openldap, libksba) have no NVD record: unspecified.
        #expect(lines[0].hasSuffix("     3?"))
        #expect(!lines[1].contains("?"))
        // No base image: no delta row.
        #expect(lines.count == 2)
        let withBase = QuickviewReport.render(image: base, base: image, refreshedBase: base)
        let deltaLine = withBase.split(separator: "\n").map(String.init)[3]
        #expect(deltaLine.hasSuffix("│" + String(repeating: " ", count: 32) + "-3"))
        assertGolden(withBase, named: "QuickviewPostgresUnspecified")
    }
}
