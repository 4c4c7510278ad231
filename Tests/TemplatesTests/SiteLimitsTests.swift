import Foundation
import ScoutModel
import Testing
@testable import Templates

/// A huge image must not make a huge site (issue 18, point 7: 100,000 packages made 100,015 files and 428 MB).
@Suite struct SiteLimitsTests {
    @Test func anImageWithTooManyPackagesGetsNoPagePerPackageAndACappedTable() throws {
        var snapshot = try FixtureSnapshot.make()
        let extra = SiteLimits.packagePagesPerImage + 50
        let huge = snapshot.images[0].digest
        snapshot.images[0].sbom.packages += (0..<extra).map { index in
            Package(type: .npm, name: "filler-\(index)", version: "1.0.\(index % 7)", purl: "pkg:npm/filler-\(index)@1.0.\(index % 7)",
                    locations: ["srv/node_modules/filler-\(index)/package.json"], cataloger: "javascript-package-cataloger")
        }
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(snapshot, into: site.url)
        let files = site.files()

        // No page per filler package (there were 5,050), the Alpine packages keep theirs (the other image is small).
        #expect(files.filter { $0.hasPrefix("packages/npm/") }.isEmpty)
        #expect(files.filter { $0.hasPrefix("packages/apk/") }.count == 14)
        #expect(files.count < 100, "\(files.count) files")

        let page = try site.read(try #require(files.first { $0.hasSuffix(".html") && $0.contains(String(huge.dropFirst(7).prefix(12))) }))
        let rows = page.components(separatedBy: "title=\"pkg:").count - 1
        #expect(rows == SiteLimits.packageRowsPerImage, "\(rows) package rows")
        let hidden = snapshot.images[0].sbom.packages.count - SiteLimits.packageRowsPerImage
        #expect(page.contains("\(hidden) more packages are not shown here; the SBOM downloads list every one."))

        let packages = try site.read("packages.html")
        #expect(!packages.contains("filler-"))
        #expect(packages.contains("\(extra) more packages, found only in images with more than 5000 packages"))
        let checked = try LinkCheck.run(site)
        #expect(checked.broken.isEmpty, "\(checked.broken.prefix(5))")
    }
}
