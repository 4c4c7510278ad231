import Foundation
import ScoutModel
import Testing
@testable import Templates

/// Issue 18.1 on the site: an image whose layers could not all be read is marked incomplete with the
/// reasons, never shown as a clean image. Issue 18.16: secrets in its history are masked.
@Suite struct IncompleteImagePageTests {
    static let reason = ScanWarning(
        subject: "sha256:71dba1fabbde",
        message: "Failed to read layer 'sha256:71dba1fabbde…' of 'alpine.tar': the uncompressed tar hashes to sha256:1 but the config lists diffID sha256:2; its files were ignored.",
        incomplete: true)

    /// The fixture fleet with every image incomplete, no packages or findings (what a damaged layer
    /// leaves), and a layer history with secrets, as a store written before masking keeps it.
    static func render() throws -> (TemporaryDirectory, FleetSnapshot) {
        var snapshot = try FixtureSnapshot.make()
        for index in snapshot.images.indices {
            snapshot.images[index].sbom.warnings = [reason]
            snapshot.images[index].sbom.packages = []
            snapshot.images[index].findings = []
            snapshot.images[index].sbom.metadata.layers[0].createdBy = "RUN |2 DB_PASSWORD=hunter2 REGION=eu /bin/sh -c ./setup.sh"
            // Policies evaluated over the partial (empty) package list would say "no vulnerabilities".
            snapshot.images[index].policies = PolicyReport(results: [], grade: "A", percent: 100)
        }
        let site = try TemporaryDirectory()
        try SiteRenderer().render(snapshot, into: site.url)
        if let keep = ProcessInfo.processInfo.environment["TEMPLATES_KEEP_INCOMPLETE_SITE"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: site.url, to: URL(fileURLWithPath: keep))
        }
        return (site, snapshot)
    }

    @Test func anIncompleteImageIsMarkedNotShownClean() throws {
        let (site, _) = try Self.render()
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let row = try #require(index.components(separatedBy: "<tr ").first { $0.contains(">library/alpine<") })
        #expect(row.contains(#"<span class="incomplete" title="Incomplete analysis: 1 layer or file of this image could not be read">Incomplete</span>"#), "\(row)")
        #expect(!row.contains("class=\"boxes\""), "no zero counts beside it: \(row)")
        #expect(row.contains(#"<td class="grade" data-key="0000"><span class="gb gb-na" title="No grade: the analysis is incomplete">N/A</span></td>"#), "no health grade from partial data: \(row)")

        let page = try site.read("images/library-alpine/a187dde48cd2.html")
        #expect(page.contains(#"<div class="incomplete-notice" role="alert">"#))
        #expect(page.contains("the config lists diffID sha256:2"), "the reason is on the page")

        let markdown = try site.read("images/library-alpine/a187dde48cd2.md")
        #expect(markdown.contains("> **Incomplete analysis: 1 layer or file of this image could not be read**"), "\(markdown.prefix(800))")
        let readme = try site.read("README.md")
        #expect(readme.contains("**incomplete**"))
        // The downloads say so too.
        let sarif = try site.read("images/library-alpine/a187dde48cd2.sarif.json")
        #expect(sarif.contains(#""executionSuccessful" : false"#))
    }

    @Test func aCompleteImageShowsItsCountsAsBefore() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(try FixtureSnapshot.make(), into: site.url)
        let index = try site.read("index.html")
        #expect(!index.contains("class=\"incomplete\""))
        #expect(index.contains("class=\"boxes\""))
        #expect(!(try site.read("images/library-alpine/a187dde48cd2.html")).contains("incomplete-notice"))
    }

    @Test func secretsInTheLayerHistoryAreMaskedOnEveryPage() throws {
        let (site, _) = try Self.render()
        defer { site.cleanUp() }
        // Markdown escapes `_` and `*`.
        for (page, masked) in [("images/library-alpine/a187dde48cd2.html", "DB_PASSWORD=***"),
                               ("images/library-alpine/a187dde48cd2.md", #"DB\_PASSWORD=\*\*\*"#)] {
            let text = try site.read(page)
            #expect(!text.contains("hunter2"), "\(page) shows the secret")
            #expect(text.contains(masked), "\(page)")
            #expect(text.contains("REGION=eu"), "other variables stay readable: \(page)")
        }
    }
}
