import Foundation
import ScoutModel
import Testing
@testable import Templates

@Suite struct SiteRendererTests {
    /// Renders the fixture fleet once per test into a fresh directory.
    private func renderFixture(keepCopy: Bool = false) throws -> (TemporaryDirectory, FleetSnapshot) {
        let snapshot = try FixtureSnapshot.make()
        let site = try TemporaryDirectory()
        try SiteRenderer().render(snapshot, into: site.url)
        // TEMPLATES_KEEP_SITE=DIR keeps a copy to look at (screenshots).
        if keepCopy, let keep = ProcessInfo.processInfo.environment["TEMPLATES_KEEP_SITE"] {
            let target = URL(fileURLWithPath: keep)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: site.url, to: target)
        }
        return (site, snapshot)
    }

    @Test func writesEveryPageAndAsset() throws {
        let (site, _) = try renderFixture(keepCopy: true)
        defer { site.cleanUp() }
        #expect(site.files() == [
            "README.md", "assets/site.js", "assets/style.css",
            "images/library-alpine/a187dde48cd2.html", "images/library-alpine/a187dde48cd2.md",
            "images/library-alpine/af341ccd2df8.html", "images/library-alpine/af341ccd2df8.md",
            "index.html", "settings.html",
        ])
    }

    @Test func relativeLinksResolveToFilesThatExist() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        var checked = 0
        for file in site.files() where file.hasSuffix(".html") || file.hasSuffix(".md") {
            let text = try site.read(file)
            let links = file.hasSuffix(".html")
                ? captures(#"(?:href|src)="([^"]*)""#, in: text)
                : captures(#"\]\(([^)\s]+)\)"#, in: text)
            let base = site.url.appendingPathComponent(file).deletingLastPathComponent()
            for link in links where !link.hasPrefix("https://") && !link.hasPrefix("#") {
                #expect(!link.hasPrefix("/") && !link.contains("://"), "absolute link \(link) in \(file)")
                let target = link.split(separator: "#").first.map(String.init) ?? link
                let resolved = base.appendingPathComponent(target).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: resolved), "\(file) links to missing \(link)")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    @Test func countsAppearInTheRightBoxes() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let rows = captures(#"(?s)<tr>\s*(<th scope="row">.*?)</tr>"#, in: index)
        #expect(rows.count == 2)
        func boxes(_ row: String) -> [String] {
            zip(captures(#"class="sev sev-([a-z]+)"#, in: row), captures(#"<b>(\d+)</b>"#, in: row)).map { "\($0)=\($1)" }
        }
        // alpine:3.10 sorts first; each CVE hits libcrypto1.1 and libssl1.1 but counts once (source package openssl).
        #expect(rows[0].contains("af341ccd2df8"))
        #expect(boxes(rows[0]) == ["critical=0", "high=3", "medium=3", "low=1", "unspecified=0"])
        #expect(boxes(rows[1]) == ["critical=1", "high=14", "medium=5", "low=1", "unspecified=0"])
        #expect(rows[1].contains(">14<") && rows[1].contains("<td class=\"num\">14</td>"))  // 14 packages, 14 high
        #expect(index.contains(#"<span class="sev sev-critical zero" title="0 critical"><b>0</b>"#))

        let readme = try site.read("README.md")
        #expect(readme.contains("| [library/alpine:3.11](images/library-alpine/a187dde48cd2.md) | a187dde48cd2 | Alpine Linux v3.11 | linux/amd64 | 14 | 1 | 14 | 5 | 1 | 0 |"))
        #expect(readme.contains("| [library/alpine:3.10](images/library-alpine/af341ccd2df8.md) | af341ccd2df8 | Alpine Linux v3.10 | linux/amd64 | 14 | 0 | 3 | 3 | 1 | 0 |"))
    }

    @Test func imagePageGroupsBySourcePackageWorstFirst() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        let page = try site.read("images/library-alpine/a187dde48cd2.html")
        // openssl holds the only critical (CVE-2021-3711), then busybox (high), then musl (medium).
        let groups = captures(#"<span class="pkg-name">([a-z]+) <span class="ver">"#, in: page)
        #expect(groups == ["openssl", "busybox", "musl"])
        #expect(page.contains("Installed as libcrypto1.1, libssl1.1"))
        let openssl = captures(#"(?s)(<details class="pkg" id="pkg-1".*?</details>\s*</li>\s*</ul>)"#, in: page).first ?? ""
        let ids = captures(#"<strong class="vid">([A-Z0-9-]+)</strong>"#, in: openssl)
        #expect(ids == ["CVE-2021-3711", "CVE-2020-1967", "CVE-2021-23840", "CVE-2021-3450", "CVE-2021-3712",
                        "CVE-2020-1971", "CVE-2021-23841", "CVE-2021-3449", "CVE-2021-23839"])
        #expect(page.contains(#"<strong class="vid">CVE-2020-1967</strong> <span class="score">CVSS 7.5</span>"#))
        #expect(page.contains("<code>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H</code>"))
        #expect(page.contains("<code>&lt;1.1.1g-r0</code>"))
        #expect(page.contains(#"<dd class="fixed">1.1.1g-r0</dd>"#))
        #expect(page.contains(#"<a href="https://nvd.nist.gov/vuln/detail/CVE-2020-1967" rel="noopener noreferrer nofollow">"#))
        // NVD's description, rendered from Markdown: its quotes are escaped by cmark.
        #expect(page.contains("&quot;signature_algorithms_cert&quot; TLS extension"))
        // Overview, layers and packages.
        #expect(page.contains("<code>sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72</code>"))
        #expect(page.contains("ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / "))
        #expect(page.contains(#"<td class="num">5.9 MB</td>"#))
        #expect(page.contains("<dd>2020-03-23 21:19 UTC</dd>"))
        #expect(page.contains(#"<tr><th scope="row" title="pkg:apk/alpine/libcrypto1.1@1.1.1d-r3?arch=x86_64&amp;distro=alpine-3.11.5">libcrypto1.1</th><td>1.1.1d-r3</td><td>apk</td><td>openssl</td><td>OpenSSL</td><td title="sha256:beee9f30bc1f711043e78d4a2be0668955d4b761d587d6f60c2c8dc081efb203">#0</td></tr>"#))
        let markdown = try site.read("images/library-alpine/a187dde48cd2.md")
        #expect(markdown.contains("| CVE-2020-1967 | High | 7.5 | \\<1.1.1g-r0 | 1.1.1g-r0 |"))
        #expect(markdown.contains("### openssl 1.1.1d-r3 (apk)"))
    }

    @Test func settingsListsRepositoriesAndSources() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        let page = try site.read("settings.html")
        #expect(page.contains("1 of 2 repositories enabled"))
        let debian = captures(#"(?s)(<th scope="row">library/debian</th>.*?</tr>)"#, in: page).first ?? ""
        #expect(debian.contains("Disabled") && debian.contains("set <code>enabled: true</code> in scout-report.yml"))
        let alpine = captures(#"(?s)(<th scope="row">library/alpine</th>.*?</tr>)"#, in: page).first ?? ""
        #expect(alpine.contains("Enabled") && alpine.contains("<td class=\"num\">2</td>") && alpine.contains("2024-06-01 02:00 UTC"))
        #expect(page.contains(#"<tr><th scope="row">nvd</th><td>nvd</td><td class="num">40</td>"#))
        #expect(page.contains("4 CVEs listed under &quot;0&quot; (not affected in Alpine) were skipped."))
    }

    @Test func pagesCarryAContentSecurityPolicyAndNoExternalResources() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        for file in site.files() where file.hasSuffix(".html") {
            let text = try site.read(file)
            #expect(text.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'"#), "\(file)")
            #expect(captures(#"src="([^"]*)""#, in: text).allSatisfy { !$0.contains(":") }, "\(file)")
            #expect(captures(#"<link[^>]*href="([^"]*)""#, in: text).allSatisfy { !$0.contains(":") }, "\(file)")
            #expect(text.contains("2024-06-01 02:00 UTC"), "generation time in \(file)")
        }
    }

    @Test func refusesANonEmptyDirectory() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try Data("old".utf8).write(to: site.url.appendingPathComponent("stale.html"))
        #expect {
            try SiteRenderer().render(try FixtureSnapshot.make(), into: site.url)
        } throws: { ($0 as? SiteError)?.reason == .outputNotEmpty }
    }
}
