import Foundation
import ScoutModel
import Testing
@testable import Templates

@Suite struct EscapingTests {
    static let script = "<script>alert(1)</script>"
    static let breakout = #""><img src=x onerror=alert(1)>"#
    static let jsURL = "javascript:alert(document.domain)"

    /// 10,000 characters of markup: long values must neither break out nor break the layout code.
    static let long = String(repeating: "<b>&\"'x", count: 1_250)

    /// A snapshot whose every untrusted string is hostile.
    static func hostileSnapshot() -> FleetSnapshot {
        let evil = script + breakout
        let package = Package(
            type: .npm, name: "pkg" + evil + long, version: "1.0" + breakout, sourceName: "src" + script,
            purl: "pkg:npm/x" + breakout, licenses: ["MIT" + script, jsURL], layerDiffID: "sha256:" + evil,
            locations: [evil], cataloger: "javascript-lock-cataloger")
        let finding = Finding(
            vulnerabilityID: "CVE-2099-0001" + script, aliases: ["GHSA" + breakout], package: package, severity: .critical,
            cvssScore: 9.8, cvssVector: "CVSS:3.1/" + breakout, severitySource: "NVD" + script,
            affectedRange: "<2.0" + breakout, fixedVersions: ["2.0" + script], summary: "Summary " + evil + long,
            details: "Details \(evil)\n\n[click](\(jsURL)) <a href=\"\(jsURL)\">raw</a> ![i](\(jsURL)) ![t](https://tracker.example/p.png) [rel](../../index.html)\n\n" + long,
            references: [jsURL, " JAVASCRIPT:alert(2)", "https://example.org/\"onmouseover=alert(1)", "data:text/html,<script>x</script>", long],
            ecosystem: "npm", firstSeen: evil, isNew: true,
            kev: KEVEntry(cveID: evil, dateAdded: evil, dueDate: evil, requiredAction: evil + long),
            epss: EPSSScore(cveID: evil, score: 0.5, percentile: 0.9, date: evil))
        let trend = [ImageTrendPoint(runID: 1, runAt: evil, counts: SeverityCounts(critical: 1), newFindings: 1, fixedFindings: 0),
                     ImageTrendPoint(runID: 2, runAt: jsURL + long, counts: SeverityCounts(critical: 1), newFindings: 0, fixedFindings: 1)]
        func image(_ tag: String, digest: String) -> ImageReport {
            ImageReport(
                repository: "../../etc/" + evil, tags: [tag + breakout], source: "archive://" + evil,
                sbom: ImageSBOM(
                    metadata: ImageMetadata(
                        manifestDigest: digest + evil, configDigest: "sha256:" + script,
                        platform: Platform(os: "linux" + script, architecture: "amd64"), created: evil, user: evil, size: 42,
                        layers: [LayerInfo(index: 0, digest: "sha256:" + evil, diffID: "sha256:" + evil, size: 42, createdBy: "RUN " + evil + long)]),
                    os: OSRelease(id: "evil", prettyName: "OS" + evil), packages: [package],
                    warnings: [ScanWarning(subject: "file" + evil, message: "message" + evil + long)]),
                findings: [finding], firstSeen: evil, baseImage: evil, trend: trend, fixedSinceLastRun: [evil])
        }
        var owned = image("latest", digest: "sha256:../../")
        owned.owner = Owner(team: "../../team" + evil, contact: "contact" + evil)
        var snapshot = FleetSnapshot(
            title: "Fleet" + evil, generatedAt: evil,
            images: [owned, image("next", digest: "sha256:abc")],
            repositories: [RepositoryStatus(name: "../../etc/" + evil, enabled: true, source: jsURL + breakout, lastAnalysed: evil, imageCount: 2,
                                            warnings: [ScanWarning(subject: evil, message: long)])],
            advisorySources: [AdvisorySourceStatus(name: "src" + evil, kind: "osv" + script, records: 1, importedAt: evil,
                                                   warnings: [ScanWarning(subject: evil, message: evil)])],
            runs: [RunSummary(id: 1, startedAt: evil, counts: SeverityCounts(critical: 1), imagesEvaluated: 2, newFindings: 1, fixedFindings: 0)],
            tagHistory: [TagRecord(repository: "../../etc/" + evil, tag: evil, digest: evil, since: evil, until: evil)])
        var changes = RunChanges.ImageChanges(digest: "sha256:../../", repository: "../../etc/" + evil, tag: evil,
                                              newFindings: owned.findings, fixed: [evil])
        changes.owner = owned.owner
        snapshot.runChanges = [RunChanges(runID: 1, startedAt: evil, images: [changes])]
        snapshot.exceptionNotes = [ExceptionNote(kind: "vex" + evil, subject: evil, state: .unused, detail: evil, source: evil)]
        snapshot.deliveryFailures = [ScanWarning(subject: evil, message: evil)]
        return snapshot
    }

    @Test func hostileSnapshotRendersInert() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(Self.hostileSnapshot(), into: site.url)
        let files = site.files()
        // Every file name is made of safe characters and stays inside the site.
        for path in files {
            #expect(path == "README.md" || path == DownloadReuse.manifestName || path == PageReuse.manifestName || (path.range(of: #"^[a-z0-9_][a-z0-9._/-]*$"#, options: .regularExpression) != nil && !path.contains("..")), "\(path)")
        }
        let pagesOfImages = files.filter { $0.hasPrefix("images/") }
        #expect(pagesOfImages.count == 10)
        for path in pagesOfImages {
            #expect(path.range(of: #"^images/[a-z0-9_][a-z0-9._-]*/[a-f0-9]{1,12}\.(html|md|sarif\.json|cdx\.json|spdx\.json)$"#, options: .regularExpression) != nil, "\(path)")
        }
        var pages = 0
        for file in files where file.hasSuffix(".html") {
            pages += 1
            let text = try site.read(file).lowercased()
            #expect(!text.contains("<script>"), "\(file)")
            #expect(!text.contains("<script") || text.components(separatedBy: "<script").count == 2, "only site.js in \(file)")
            // cmark keeps a Markdown image but never its source.
            #expect(captures(#"(<img[^>]*>)"#, in: text).allSatisfy { $0.hasPrefix("<img src=\"\"") }, "\(file)")
            #expect(!text.contains("href=\"javascript:") && !text.contains("src=\"javascript:"), "\(file)")
            #expect(!text.contains("href=\" javascript:") && !text.contains("href=\"data:"), "\(file)")
            #expect(!text.contains("tracker.example/p.png\""), "no external image in \(file)")
            // Every attribute value stays inside its quotes: outside them, no tag has an `on…=` attribute.
            for tag in captures(#"(<[a-z][^>]*>)"#, in: text) {
                let bare = tag.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
                #expect(captures(#"\s(on[a-z]+)\s*="#, in: bare).isEmpty, "event handler in \(tag.prefix(200)) of \(file)")
            }
        }
        // index, bases, vulnerabilities, packages, runs, teams, settings, 2 images, repository, comparison, vulnerability, package, team.
        #expect(pages == 14)
        let page = try site.read(files.first { $0.hasSuffix(".html") && $0.hasPrefix("images/") }!)
        #expect(page.contains("CVE-2099-0001&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains(Escape.html(Self.long)), "a long value is printed whole, escaped")
        // Only the https reference became a link (its quote is refused, so it is text too).
        #expect(captures(#"<a href="([^"]*)" rel="noopener"#, in: page).isEmpty)
        #expect(try LinkCheck.run(site).broken.isEmpty, "the advisory's relative link was dropped")

        let markdown = try site.read("README.md") + site.read(files.first { $0.hasSuffix(".md") && $0.hasPrefix("images/") }!)
        #expect(captures(#"[^\\](<)"#, in: markdown).isEmpty, "every < is backslash-escaped")
        #expect(!markdown.contains("](javascript:"))
        // Rendered by a Markdown engine, the summary stays inert too.
        let html = MarkdownHTML.render(markdown)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript:"))
        let summary = try site.read("index.json")
        #expect(try JSONSerialization.jsonObject(with: Data(summary.utf8)) is [String: Any], "hostile values keep index.json valid")
    }

    /// The real fixture with a marker tag appended to every string of the snapshot: if any template
    /// printed a model value without escaping it, the tag would appear in a page.
    @Test func noModelValueReachesAPageUnescaped() throws {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let poisoned = try Self.poison(snapshot, marker: "<x-raw>")
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(poisoned, into: site.url)
        var checked = 0
        for file in site.files() where file.hasSuffix(".html") {
            let text = try site.read(file)
            #expect(!text.contains("<x-raw"), "\(file) prints a raw value")
            checked += text.components(separatedBy: "&lt;x-raw&gt;").count - 1
        }
        #expect(checked > 1_000, "the marker reached the pages, escaped")
    }

    /// Appends `marker` to every string of the snapshot except enumeration values (package types,
    /// severities, range kinds) that must stay decodable.
    static func poison(_ snapshot: FleetSnapshot, marker: String) throws -> FleetSnapshot {
        let keep: Set<String> = ["type", "severity", "state"]
        func walk(_ value: Any, key: String?) -> Any {
            switch value {
            case let text as String: return key.map(keep.contains) == true ? text : text + marker
            case let list as [Any]: return list.map { walk($0, key: key) }
            case let object as [String: Any]:
                return Dictionary(uniqueKeysWithValues: object.map { ($0.key, walk($0.value, key: $0.key)) })
            default: return value
            }
        }
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(snapshot))
        let data = try JSONSerialization.data(withJSONObject: walk(json, key: nil))
        return try JSONDecoder().decode(FleetSnapshot.self, from: data)
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
