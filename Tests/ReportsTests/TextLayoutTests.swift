@testable import Reports
import ScoutModel
import Testing

@Suite struct TextLayoutTests {
    /// go-humanize `Bytes`, which Scout's `size` row uses: powers of 1000, one decimal below 10.
    @Test(arguments: [
        (Int64(0), "0 B"), (9, "9 B"), (999, "999 B"), (5_818_880, "5.8 MB"), (5_861_888, "5.9 MB"),
        (19_400_000, "19 MB"), (1_400_000_000, "1.4 GB"), (999_999, "1000 kB"),
    ])
    func humanBytes(bytes: Int64, expected: String) {
        #expect(TextLayout.humanBytes(bytes) == expected)
    }

    @Test func countCellsAndLinks() {
        let counts = SeverityCounts(critical: 17, high: 32, medium: 35, low: 33, unspecified: 6)
        #expect(TextLayout.countCells(counts, unspecified: false) == "   17C    32H    35M    33L")
        #expect(TextLayout.countCells(counts, unspecified: true) == "   17C    32H    35M    33L     6?")
        #expect(TextLayout.vulnerabilityLink("CVE-2021-3711") == "https://nvd.nist.gov/vuln/detail/CVE-2021-3711")
        #expect(TextLayout.vulnerabilityLink("GHSA-v23v-6jw2-98fq") == "https://osv.dev/vulnerability/GHSA-v23v-6jw2-98fq")
    }

    @Test func multiPartRangesPrintOnePerLine() throws {
        // The range shape of Scout's CVE-2024-41110 example, on a real finding of the Alpine image.
        var image = try ReportFixtures.alpine("3.11")
        image.findings = image.findings.filter { $0.vulnerabilityID == "CVE-2020-28928" }
        for index in image.findings.indices { image.findings[index].affectedRange = ">=1.1.20-r0, <1.1.24-r3" }
        let lines = CVEsReport.packages(image).split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex(of: "      Affected range : >=1.1.20-r0"))
        #expect(lines[first + 1] == "                     : <1.1.24-r3")
        #expect(lines[first + 2] == "      Fixed version  : 1.1.24-r3")
    }
}
