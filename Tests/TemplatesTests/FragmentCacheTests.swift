import Foundation
import Testing
import ScoutModel
@testable import Templates

/// Package rows, findings and package groups are rendered once per distinct content and shared by every
/// page that shows the same thing: a difference in anything a fragment prints must give its own fragment.
@Suite struct FragmentCacheTests {
    @Test func sharedFragmentsFollowEachImage() throws {
        var snapshot = try FixtureSnapshot.make()
        // A second image with the same packages and findings, except one licence, one layer and one "new".
        var twin = snapshot.images[1]
        twin.tags = ["3.11-twin"]
        twin.sbom.metadata.manifestDigest = "sha256:" + String(repeating: "e", count: 64)
        let musl = try #require(twin.sbom.packages.firstIndex { $0.name == "musl" })
        twin.sbom.packages[musl].licenses = ["Twin-Licence"]
        let finding = try #require(twin.findings.firstIndex { $0.package.name == "libcrypto1.1" && !$0.isNew })
        let id = twin.findings[finding].vulnerabilityID
        twin.findings[finding].isNew = true
        snapshot.images.append(twin)

        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(snapshot, into: site.url)
        let original = try site.read(try page(site, digest: snapshot.images[1].digest))
        let copy = try site.read(try page(site, digest: twin.digest))

        #expect(copy.contains("<td>Twin-Licence</td>") && !original.contains("Twin-Licence"))
        #expect(original.contains("<td>MIT</td>"))
        // The finding block (and the package group holding it) differ by the "new" pill only.
        let marker = ">\(id)</a></strong>"
        #expect(try block(copy, marker).contains("<span class=\"pill new\">new</span>"))
        #expect(try !block(original, marker).contains("<span class=\"pill new\">new</span>"))
        // Markdown rows come from their own cache entries, escaped for Markdown.
        let markdown = try site.read(try page(site, digest: twin.digest).replacingOccurrences(of: ".html", with: ".md"))
        #expect(markdown.contains("| musl | ") && markdown.contains("| Twin-Licence |"))
    }

    /// The HTML page of the image with `digest`.
    private func page(_ site: TemporaryDirectory, digest: String) throws -> String {
        let short = String(digest.dropFirst("sha256:".count).prefix(12))
        return try #require(site.files().first { $0.hasPrefix("images/") && $0.hasSuffix(short + ".html") })
    }

    /// The finding block that contains `marker`.
    private func block(_ page: String, _ marker: String) throws -> Substring {
        let at = try #require(page.range(of: marker))
        let start = try #require(page[..<at.lowerBound].range(of: "<li class=\"vuln\">", options: .backwards))
        let end = try #require(page[at.upperBound...].range(of: "</li>"))
        return page[start.lowerBound..<end.upperBound]
    }
}

/// Scout's counts (one per vulnerability per source package) match the groups the pages list.
@Suite struct ScoutCountsTests {
    @Test func countsAgreeWithTheGroups() throws {
        let snapshot = try FixtureSnapshot.make()
        for image in snapshot.images {
            // Duplicates (the same vulnerability of two binaries of one source package) count once.
            let findings = image.findings + image.findings.prefix(3)
            var fromGroups = SeverityCounts()
            for group in findings.groupedBySourcePackage { for finding in group.findings { fromGroups[finding.severity] += 1 } }
            #expect(findings.scoutCounts == fromGroups)
            #expect(findings.scoutCounts.total < findings.count)
        }
    }
}
