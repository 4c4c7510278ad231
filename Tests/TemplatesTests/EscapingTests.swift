import Foundation
import ScoutModel
import Testing
@testable import Templates

@Suite struct EscapingTests {
    static let script = "<script>alert(1)</script>"
    static let breakout = #""><img src=x onerror=alert(1)>"#
    static let jsURL = "javascript:alert(document.domain)"

    /// A snapshot whose every untrusted string is hostile.
    static func hostileSnapshot() -> FleetSnapshot {
        let evil = script + breakout
        let package = Package(
            type: .npm, name: "pkg" + evil, version: "1.0" + breakout, sourceName: "src" + script,
            purl: "pkg:npm/x" + breakout, licenses: ["MIT" + script], layerDiffID: "sha256:" + evil,
            locations: [evil], cataloger: "javascript-lock-cataloger")
        let finding = Finding(
            vulnerabilityID: "CVE-2099-0001" + script, aliases: ["GHSA" + breakout], package: package, severity: .critical,
            cvssScore: 9.8, cvssVector: "CVSS:3.1/" + breakout, severitySource: "NVD" + script,
            affectedRange: "<2.0" + breakout, fixedVersions: ["2.0" + script], summary: "Summary " + evil,
            details: "Details \(evil)\n\n[click](\(jsURL)) <a href=\"\(jsURL)\">raw</a> ![i](\(jsURL))",
            references: [jsURL, " JAVASCRIPT:alert(2)", "https://example.org/\"onmouseover=alert(1)", "data:text/html,<script>x</script>"],
            ecosystem: "npm")
        let image = ImageReport(
            repository: "../../etc/" + evil, tags: ["latest" + breakout], source: "archive://" + evil,
            sbom: ImageSBOM(
                metadata: ImageMetadata(
                    manifestDigest: "sha256:../../" + evil, configDigest: "sha256:" + script,
                    platform: Platform(os: "linux" + script, architecture: "amd64"), created: evil, user: evil, size: 42,
                    layers: [LayerInfo(index: 0, digest: "sha256:" + evil, diffID: "sha256:" + evil, size: 42, createdBy: "RUN " + evil)]),
                os: OSRelease(id: "evil", prettyName: "OS" + evil), packages: [package],
                warnings: [ScanWarning(subject: "file" + evil, message: "message" + evil)]),
            findings: [finding], firstSeen: evil, baseImage: evil)
        return FleetSnapshot(
            title: "Fleet" + evil, generatedAt: evil, images: [image],
            repositories: [RepositoryStatus(name: "repo" + evil, enabled: false, source: jsURL + breakout, lastAnalysed: evil, imageCount: 1)],
            advisorySources: [AdvisorySourceStatus(name: "src" + evil, kind: "osv" + script, records: 1, importedAt: evil,
                                                   warnings: [ScanWarning(subject: evil, message: evil)])],
            runs: [])
    }

    @Test func hostileSnapshotRendersInert() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(Self.hostileSnapshot(), into: site.url)
        let files = site.files()
        // The page name comes from the sanitised repository and the digest's hex digits only.
        let pagesOfImages = files.filter { $0.hasPrefix("images/") }
        #expect(pagesOfImages.count == 2)
        for path in pagesOfImages {
            #expect(path.range(of: #"^images/[a-z0-9_][a-z0-9._-]*/[a-f0-9]{1,12}\.(html|md)$"#, options: .regularExpression) != nil, "\(path)")
        }
        var pages = 0
        for file in files where file.hasSuffix(".html") {
            pages += 1
            let text = try site.read(file).lowercased()
            #expect(!text.contains("<script>"), "\(file)")
            #expect(!text.contains("<script") || text.components(separatedBy: "<script").count == 2, "only site.js in \(file)")
            // cmark keeps a Markdown image but empties its dangerous source.
            #expect(captures(#"(<img[^>]*>)"#, in: text).allSatisfy { $0.hasPrefix("<img src=\"\"") }, "\(file)")
            #expect(!text.contains("href=\"javascript:") && !text.contains("src=\"javascript:"), "\(file)")
            #expect(!text.contains("href=\" javascript:") && !text.contains("href=\"data:"), "\(file)")
            // Every attribute value stays inside its quotes: outside them, no tag has an `on…=` attribute.
            for tag in captures(#"(<[a-z][^>]*>)"#, in: text) {
                let bare = tag.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
                #expect(captures(#"\s(on[a-z]+)\s*="#, in: bare).isEmpty, "event handler in \(tag) of \(file)")
            }
        }
        #expect(pages == 3)
        let page = try site.read(files.first { $0.hasSuffix(".html") && $0.hasPrefix("images/") }!)
        #expect(page.contains("CVE-2099-0001&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        // Only the https reference became a link (its quote is refused, so it is text too).
        #expect(captures(#"<a href="([^"]*)" rel="noopener"#, in: page).isEmpty)

        let markdown = try site.read("README.md") + site.read(files.first { $0.hasSuffix(".md") && $0.hasPrefix("images/") }!)
        #expect(captures(#"[^\\](<)"#, in: markdown).isEmpty, "every < is backslash-escaped")
        #expect(!markdown.contains("](javascript:"))
        // Rendered by a Markdown engine, the summary stays inert too.
        let html = MarkdownHTML.render(markdown)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript:"))
    }

    @Test func htmlEscapeCoversTheFiveCharacters() {
        #expect(Escape.html(#"<a href="x" title='y'>&amp;</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(Escape.html("Grüße 🎉 plain") == "Grüße 🎉 plain")
    }

    @Test func markdownEscapeKeepsTableCellsWhole() {
        #expect(Escape.markdown("a|b *c* [d](e) <f>\nnext") == #"a\|b \*c\* \[d\](e) \<f\> next"#)
    }

    @Test func onlyWebURLsBecomeLinks() {
        #expect(Escape.webURL("https://nvd.nist.gov/vuln/detail/CVE-2020-1967") == "https://nvd.nist.gov/vuln/detail/CVE-2020-1967")
        #expect(Escape.webURL("  HTTP://example.org/a ") == "HTTP://example.org/a")
        #expect(Escape.webURL("javascript:alert(1)") == nil)
        #expect(Escape.webURL("java\u{0}script:alert(1)") == nil)
        #expect(Escape.webURL("data:text/html,x") == nil)
        #expect(Escape.webURL("//evil.example/x") == nil)
        #expect(Escape.webURL("https://example.org/\"onmouseover=x") == nil)
    }

    @Test func pageNamesAreSanitised() {
        #expect(SitePaths.slug("library/alpine") == "library-alpine")
        #expect(SitePaths.slug("../../etc/passwd") == "etc-passwd")
        #expect(SitePaths.slug("...") == nil)
        #expect(SitePaths.hex(of: "sha256:A187DDE4../x") == "a187dde4")
        let paths = SitePaths(images: [])
        #expect(paths.pageStems.isEmpty)
    }
}
