import Foundation
import Reports
import ScoutModel
import Testing

/// markdown, sbom list/json, compare and recommendations layouts.
@Suite struct TextFormatsTests {
    @Test func markdownAlpine() throws {
        let text = MarkdownReport.render(try ReportFixtures.alpine("3.11"))
        #expect(text.hasPrefix("<h2>:mag: Vulnerabilities of <code>alpine:3.11</code></h2>\n"))
        #expect(text.contains("<img alt=\"critical: 1\" src=\"https://img.shields.io/badge/critical-1-8b1924\"/>"))
        // One <details> per source package (3) plus one per description, plus the image reference.
        #expect(text.components(separatedBy: "<tr><td valign=\"top\">").count - 1 == 3)
        #expect(text.contains("<code>&lt;1.1.1l-r0</code>"), "ranges are HTML-escaped")
        #expect(text.contains("label=critical%20&labelColor=8b1924"))
        assertGolden(text, named: "MarkdownAlpine311", ext: "md")
    }

    @Test func markdownPostgresShowsUnspecified() throws {
        let text = MarkdownReport.render(try ReportFixtures.postgres())
        #expect(text.contains("<img alt=\"unspecified: 3\""))
        assertGolden(text, named: "MarkdownPostgres", ext: "md")
    }

    @Test func sbomList() throws {
        let text = SBOMReport.list(try ReportFixtures.alpine("3.11"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2 + 14)
        #expect(lines[2].hasPrefix("  alpine-baselayout "))
        assertGolden(text, named: "SBOMListAlpine311")
    }

    @Test func sbomJSON() throws {
        let text = try SBOMReport.json(try ReportFixtures.alpine("3.10"), toolVersion: "0.1.0")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let packages = try #require((root["sbom"] as? [String: Any])?["packages"] as? [[String: Any]])
        #expect(packages.count == 14)
        #expect(packages.first?["name"] as? String == "alpine-baselayout")
        assertGolden(text, named: "SBOMJSONAlpine310", ext: "json")
    }

    @Test func compareAlpine311WithAlpine310() throws {
        let comparison = ImageComparison(try ReportFixtures.alpine("3.11"), to: try ReportFixtures.alpine("3.10"))
        // busybox's 11 and musl's 1 are new, CVE-2021-3711/3712 new for openssl; nothing fixed.
        #expect(comparison.vulnerabilities.filter { $0.kind == .added }.count == 14)
        #expect(comparison.vulnerabilities.filter { $0.kind == .removed }.isEmpty)
        #expect(comparison.hasNewVulnerabilities)
        let libssl = try #require(comparison.packages.first { $0.name == "libssl1.1" })
        #expect(libssl.kind == .upgraded)
        #expect(libssl.from == "1.1.1d-r2" && libssl.to == "1.1.1d-r3")
        let reverse = ImageComparison(try ReportFixtures.alpine("3.10"), to: try ReportFixtures.alpine("3.11"))
        #expect(!reverse.hasNewVulnerabilities)
        #expect(reverse.vulnerabilities.filter { $0.kind == .removed }.count == 14)
        #expect(reverse.packages.first { $0.name == "libssl1.1" }?.kind == .downgraded)
        assertGolden(CompareReport.text(comparison), named: "CompareAlpine311To310")
        assertGolden(CompareReport.markdown(comparison), named: "CompareAlpine311To310", ext: "md")
        assertGolden(try CompareReport.json(comparison), named: "CompareAlpine311To310", ext: "json")
    }

    @Test func compareWithItselfChangesNothing() throws {
        let image = try ReportFixtures.postgres()
        let comparison = ImageComparison(image, to: image)
        #expect(comparison.packages.isEmpty && comparison.vulnerabilities.isEmpty)
        #expect(!comparison.hasPackageChanges && !comparison.hasNewVulnerabilities)
    }

    @Test func recommendationsSayThereIsNoData() throws {
        let text = RecommendationsReport.render(try ReportFixtures.postgres(), mode: .all)
        #expect(text.contains("Base image is debian:buster-slim"))
        #expect(text.contains("No base image data"))
        #expect(text.contains("## Refresh base image") && text.contains("## Change base image"))
        let refresh = RecommendationsReport.render(try ReportFixtures.postgres(), mode: .onlyRefresh)
        #expect(!refresh.contains("## Change base image"))
        assertGolden(text, named: "RecommendationsPostgres")
    }
}
