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

    @Test func recommendationsShowRefreshAndUpdateWithTheirBenefits() throws {
        var image = try ReportFixtures.postgres()
        let base = BaseImageCandidate(reference: BaseImageReference(repository: "library/debian", tag: "10-slim", digest: "sha256:" + String(repeating: "a", count: 64)),
                                      counts: SeverityCounts(critical: 9, high: 14, medium: 9, low: 23), flavour: "slim")
        let refreshed = BaseImageCandidate(reference: BaseImageReference(repository: "library/debian", tag: "10-slim", digest: "sha256:" + String(repeating: "b", count: 64)),
                                           counts: SeverityCounts(high: 1, medium: 6, low: 29), delta: SeverityCounts(critical: -9, high: -13, medium: -3, low: 6))
        let updated = BaseImageCandidate(reference: BaseImageReference(repository: "library/debian", tag: "12-slim"),
                                         counts: SeverityCounts(low: 17), delta: SeverityCounts(critical: -9, high: -14, medium: -9, low: -6), packageCount: 87)
        image.base = BaseImageSummary(base: base, method: .layers, autoDetected: true, refreshed: refreshed, upToDate: false, updated: updated)
        let text = RecommendationsReport.render(image, mode: .all)
        #expect(text.contains("Base image is library/debian:10-slim (auto-detected from layers)"))
        #expect(text.contains("Newer image for library/debian:10-slim is available"))
        #expect(text.contains("Image contains 19 fewer vulnerabilities"), "refresh: -9 -13 -3 +6")
        #expect(text.contains("Image contains 38 fewer vulnerabilities"), "update: -9 -14 -9 -6")
        #expect(text.contains("library/debian:12-slim"))
        #expect(!text.contains("No base image data"))
        let onlyUpdate = RecommendationsReport.render(image, mode: .onlyUpdate)
        #expect(!onlyUpdate.contains("## Refresh base image") && onlyUpdate.contains("library/debian:12-slim"))
        image.base?.refreshed = nil
        image.base?.upToDate = true
        #expect(RecommendationsReport.render(image, mode: .onlyRefresh).contains("✓ This image version is up to date."))
    }
}
