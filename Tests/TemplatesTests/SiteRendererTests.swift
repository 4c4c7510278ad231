import Foundation
import ScoutModel
import Testing
@testable import Templates

@Suite struct SiteRendererTests {
    /// Renders the fixture fleet once per test into a fresh directory.
    private func renderFixture(keepCopy: Bool = false, _ change: (inout FleetSnapshot) -> Void = { _ in }) throws -> (TemporaryDirectory, FleetSnapshot) {
        var snapshot = try FixtureSnapshot.make()
        change(&snapshot)
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

    @Test func writesEveryPageKindAndAsset() throws {
        let (site, _) = try renderFixture(keepCopy: true, FixtureSnapshot.withHistory)
        defer { site.cleanUp() }
        let files = site.files()
        #expect(files.filter { !$0.contains("/") } == [
            ".scout-report-downloads", ".scout-report-pages", "README.md", "bases.html", "index.html", "index.json", "packages.html", "runs.html", "settings.html",
            "teams.html", "vulnerabilities.html",
        ])
        #expect(files.filter { $0.hasPrefix("teams/") || $0.hasPrefix("feeds/") || $0.hasPrefix("exports/") } == [
            "exports/findings.csv", "exports/findings.json", "feeds/new-findings.atom", "feeds/teams/platform.atom",
            "teams/platform.html", "teams/platform.md",
        ])
        #expect(files.filter { $0.hasPrefix("images/") } == [
            "images/library-alpine/a187dde48cd2.cdx.json", "images/library-alpine/a187dde48cd2.html", "images/library-alpine/a187dde48cd2.md",
            "images/library-alpine/a187dde48cd2.sarif.json", "images/library-alpine/a187dde48cd2.spdx.json",
            "images/library-alpine/af341ccd2df8.cdx.json", "images/library-alpine/af341ccd2df8.html", "images/library-alpine/af341ccd2df8.md",
            "images/library-alpine/af341ccd2df8.sarif.json", "images/library-alpine/af341ccd2df8.spdx.json",
        ])
        #expect(files.filter { $0.hasPrefix("repositories/") } == [
            "repositories/library-alpine.html", "repositories/library-alpine/compare-af341ccd2df8-a187dde48cd2.html",
        ])
        // 21 distinct CVEs (3.10 has 7 of them too), 14 package names (both images have the same names).
        #expect(files.filter { $0.hasPrefix("vulnerabilities/") }.count == 21)
        #expect(files.contains("vulnerabilities/cve-2021-3711.html"))
        #expect(files.filter { $0.hasPrefix("packages/apk/") }.count == 14)
        #expect(files.contains("packages/apk/libcrypto1.1.html") && files.contains("packages/apk/ssl_client.html"))
        #expect(files.contains("assets/style.css") && files.contains("assets/site.js"))
    }

    @Test func relativeLinksResolveToFilesThatExist() throws {
        let (site, _) = try renderFixture(FixtureSnapshot.withHistory)
        defer { site.cleanUp() }
        let checked = try LinkCheck.run(site)
        #expect(checked.broken.isEmpty, "\(checked.broken)")
        #expect(checked.count >= 500)
    }

    @Test func imagesTabHasOneRowPerRepositoryWithItsNewestImage() throws {
        let (site, _) = try renderFixture(FixtureSnapshot.withHistory)
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let rows = captures(#"(?s)<tr[^>]*>\s*(<th scope="row">.*?)</tr>"#, in: index)
        #expect(rows.count == 1)
        func boxes(_ row: String) -> [String] {
            zip(captures(#"class="sev sev-([a-z]+)"#, in: row), captures(#"<b>(\d+)</b>"#, in: row)).map { "\($0)=\($1)" }
        }
        // alpine:3.11 was created later than 3.10 (both first seen in the same run): it is the newest.
        #expect(rows[0].contains(#"<a href="images/library-alpine/a187dde48cd2.html" class="tag">3.11</a> <span class="muted small">+1 more</span>"#))
        #expect(rows[0].contains(#"<a href="repositories/library-alpine.html">library/alpine</a>"#))
        // Each CVE hits libcrypto1.1 and libssl1.1 but counts once (source package openssl).
        #expect(boxes(rows[0]) == ["critical=1", "high=14", "medium=5", "low=1", "unspecified=0"])
        #expect(rows[0].contains("<td class=\"num opt\">14</td>"))  // packages (left out at phone width)
        #expect(rows[0].contains("Alpine Linux v3.11 · linux/amd64"))
        // Change since the previous run, from the image's trend: 2 new, 1 fixed.
        #expect(rows[0].contains(#"<td class="opt change-worse" data-key="1">+2 new, −1 fixed</td>"#))
        #expect(index.contains(#"<svg class="trend""#))

        let readme = try site.read("README.md")
        #expect(readme.contains("| library/alpine | [3.11](images/library-alpine/a187dde48cd2.md) | `a187dde48cd2` | Alpine Linux v3.11 · linux/amd64 | 14 | 1 | 14 | 5 | 1 | 0 | — | — | \\+2 new, −1 fixed |"))
        #expect(readme.contains("| 1 | 14 | 5 | 1 | 0 |\n"), "fleet totals")
        #expect(readme.contains("| [CVE-2021-3711](https://nvd.nist.gov/vuln/detail/CVE-2021-3711) | Critical | 9.8 | Fix available | 1 | openssl |"))
    }

    @Test func imagePageGroupsBySourcePackageWorstFirst() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        let page = try site.read("images/library-alpine/a187dde48cd2.html")
        // openssl holds the only critical (CVE-2021-3711), then busybox (high), then musl (medium).
        let groups = captures(#"<span class="pkg-name">([a-z]+) <span class="ver">"#, in: page)
        #expect(groups == ["openssl", "busybox", "musl"])
        #expect(page.contains("Installed as libcrypto1.1, libssl1.1"))
        let openssl = captures(#"(?s)(<details class="pkg" id="pkg-1".*?</ul>\n</details>)"#, in: page).first ?? ""
        let ids = captures(#"<strong class="vid"><a href="[^"]+">([A-Z0-9-]+)</a></strong>"#, in: openssl)
        #expect(ids == ["CVE-2021-3711", "CVE-2020-1967", "CVE-2021-23840", "CVE-2021-3450", "CVE-2021-3712",
                        "CVE-2020-1971", "CVE-2021-23841", "CVE-2021-3449", "CVE-2021-23839"])
        #expect(page.contains(#"<strong class="vid"><a href="../../vulnerabilities/cve-2020-1967.html">CVE-2020-1967</a></strong> <span class="score">CVSS 7.5</span> <span class="muted">libcrypto1.1 1.1.1d-r3</span> <span class="fixed">fixed in 1.1.1g-r0</span>"#))
        #expect(page.contains("<code>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H</code>"))
        #expect(page.contains("<code>&lt;1.1.1g-r0</code>"))
        #expect(page.contains(#"<dd class="fixed">1.1.1g-r0</dd>"#))
        #expect(page.contains(#"<a href="https://nvd.nist.gov/vuln/detail/CVE-2020-1967" rel="noopener noreferrer nofollow">"#))
        #expect(page.contains(#"<a href="../../vulnerabilities/cve-2020-1967.html">Every image with CVE-2020-1967</a>"#))
        // NVD's description, rendered from Markdown: its quotes are escaped by cmark.
        #expect(page.contains("&quot;signature_algorithms_cert&quot; TLS extension"))
        // Overview, hierarchy, layers (with what each added) and packages.
        #expect(page.contains("<code>sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72</code>"))
        #expect(page.contains(#"<li class="muted">Base image not detected</li>"#))
        #expect(page.contains("ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / "))
        #expect(page.contains(#"<td class="num nowrap">5.9 MB</td><td class="num"><details class="inline"><summary>14</summary>"#))
        #expect(page.contains("<dd>2020-03-23 21:19 UTC</dd>"))
        #expect(page.contains(#"<tr><th scope="row" title="pkg:apk/alpine/libcrypto1.1@1.1.1d-r3?arch=x86_64&amp;distro=alpine-3.11.5"><a href="../../packages/apk/libcrypto1.1.html">libcrypto1.1</a></th><td>1.1.1d-r3</td><td>apk</td><td>openssl</td><td>OpenSSL</td><td class="num" data-key="0">#0</td><td class="num bad">9</td></tr>"#))
        #expect(page.contains(#"<span class="downloads"><a href="a187dde48cd2.sarif.json" download>SARIF</a> <a href="a187dde48cd2.cdx.json" download>CycloneDX</a> <a href="a187dde48cd2.spdx.json" download>SPDX</a> <a href="a187dde48cd2.md" download>Markdown</a> </span>"#))
        let markdown = try site.read("images/library-alpine/a187dde48cd2.md")
        #expect(markdown.contains("| [CVE-2020-1967](https://nvd.nist.gov/vuln/detail/CVE-2020-1967) | High | 7.5 | libcrypto1.1 1.1.1d-r3 | \\<1.1.1g-r0 | 1.1.1g-r0 |"))
        #expect(markdown.contains("### openssl 1.1.1d-r3 (apk)"))
        #expect(markdown.contains("| libcrypto1.1 | 1.1.1d-r3 | apk | openssl | OpenSSL | \\#0 | 9 |"))
    }

    @Test func repositoryPageListsItsImagesAndComparesThem() throws {
        let (site, _) = try renderFixture(FixtureSnapshot.withHistory)
        defer { site.cleanUp() }
        let page = try site.read("repositories/library-alpine.html")
        let images = captures(#"<tr><th scope="row"><a href="\.\./images/library-alpine/([0-9a-f]+)\.html">"#, in: page)
        #expect(images == ["a187dde48cd2", "af341ccd2df8"])
        #expect(page.contains(#"<a href="../repositories/library-alpine/compare-af341ccd2df8-a187dde48cd2.html">3.10 (af341ccd2df8) → 3.11 (a187dde48cd2)</a>"#))
        #expect(page.contains("14 vulnerabilities added, 0 fixed; 0 packages added, 0 removed, 12 changed"))
        // Tag history: 3.11 moved from an older digest that is no longer stored.
        #expect(page.contains(#"<tr><th scope="row">3.11</th><td><code>0123456789ab</code></td>"#))
        #expect(page.contains("Moved on"))

        let compare = try site.read("repositories/library-alpine/compare-af341ccd2df8-a187dde48cd2.html")
        let added = captures(#"(?s)<h2 id="vulns-added">(.*?)</section>"#, in: compare).first ?? ""
        let addedIDs = captures(#"<th scope="row"><a href="[^"]*">([A-Z0-9-]+)</a></th>"#, in: added)
        #expect(addedIDs.count == 14)
        #expect(addedIDs.first == "CVE-2021-3711")
        #expect(!addedIDs.contains("CVE-2020-1967"), "in both images: neither added nor fixed")
        #expect(compare.contains(#"<tr><th scope="row">busybox</th><td>apk</td><td>1.30.1-r3</td><td>1.31.1-r9</td></tr>"#))
        #expect(!compare.contains(#"<th scope="row">alpine-keys</th>"#), "unchanged packages are not listed")
    }

    @Test func vulnerabilityAndPackagePagesListWhereTheyOccur() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        let list = try site.read("vulnerabilities.html")
        let ids = captures(#"<tr><th scope="row" class="nowrap"><a href="vulnerabilities/[a-z0-9-]+\.html">([A-Z0-9-]+)</a>"#, in: list)
        #expect(ids.count == 21)
        #expect(ids.first == "CVE-2021-3711")
        #expect(list.contains(#"<a href="vulnerabilities/cve-2020-1967.html">CVE-2020-1967</a></th><td data-key="1"><span class="sev sev-high badge">High</span></td><td class="num opt" data-key="7.5">7.5</td><td class="nowrap fixed">Fix available</td><td class="num opt" data-key="-1">—</td><td class="num opt">2</td><td class="opt"><a href="packages/apk/libcrypto1.1.html" class="pkg-link">libcrypto1.1</a> <a href="packages/apk/libssl1.1.html" class="pkg-link">libssl1.1</a> </td>"#))

        let page = try site.read("vulnerabilities/cve-2020-1967.html")
        let affected = captures(#"<tr><th scope="row"><a href="\.\./images/library-alpine/[0-9a-f]+\.html">([^<]+)</a></th>"#, in: page)
        #expect(affected == ["library/alpine:3.10", "library/alpine:3.11"])
        #expect(page.contains(#"<td class="pkgs"><span class="pkg"><a href="../packages/apk/libcrypto1.1.html">libcrypto1.1</a> 1.1.1d-r2</span><span class="pkg"><a href="../packages/apk/libssl1.1.html">libssl1.1</a> 1.1.1d-r2</span></td>"#), "each package links to its page")

        let packages = try site.read("packages.html")
        #expect(packages.contains(#"<tr><th scope="row"><a href="packages/apk/busybox.html">busybox</a></th><td class="opt">apk</td><td>1.30.1-r3, 1.31.1-r9</td><td class="num">2</td><td class="num bad">11</td>"#))
        let busybox = try site.read("packages/apk/busybox.html")
        #expect(busybox.contains("<h2>1.31.1-r9 <span class=\"count\">1 images</span></h2>"))
        #expect(busybox.contains(#"<a href="../../vulnerabilities/cve-2021-28831.html">CVE-2021-28831</a>"#))
    }

    @Test func runsPageAndTrendsDrawEveryRun() throws {
        let (site, _) = try renderFixture(FixtureSnapshot.withHistory)
        defer { site.cleanUp() }
        let runs = try site.read("runs.html")
        #expect(captures(#"<tr><th scope="row" class="num">(\d+)</th>"#, in: runs) == ["3", "2", "1"])
        let chart = captures(#"(?s)(<svg class="trend".*?</svg>)"#, in: runs).first ?? ""
        // One line per severity, one dot per run and severity.
        #expect(captures(#"<polyline class="line tc-([a-z]+) ls-"#, in: chart).sorted() == ["critical", "high", "low", "medium", "unspecified"])
        #expect(captures(#"(class="dot tc-)"#, in: chart).count == 15)
        #expect(chart.contains("<title>2024-06-01 02:00 UTC: 17 high</title>"), "the last run sums both images (14 + 3)")
        let image = try site.read("images/library-alpine/a187dde48cd2.html")
        // An image's chart has the runs after which its counts changed: the first, and the third (13 → 14 high).
        #expect(image.contains(#"<svg class="trend""#) && image.contains("<title>2024-05-30 02:00 UTC: 13 high</title>"))
        #expect(image.contains("<title>2024-06-01 02:00 UTC: 14 high</title>") && !image.contains("2024-05-31 02:00 UTC: 13 high"))
    }

    @Test func settingsListsRepositoriesAndSources() throws {
        let (site, _) = try renderFixture()
        defer { site.cleanUp() }
        let page = try site.read("settings.html")
        #expect(page.contains("1 of 2 repositories enabled"))
        let debian = captures(#"(?s)(<th scope="row">library/debian</th>.*?</tr>)"#, in: page).first ?? ""
        #expect(debian.contains("Disabled") && debian.contains(#"To enable: <code class="cmd">scout-report repo enable library/debian</code>"#))
        #expect(!page.contains("set <code>enabled: true</code>"), "editing the file does not undo `repo disable`: the command is what works")
        let alpine = captures(#"(?s)(<th scope="row"><a href="repositories/library-alpine.html">library/alpine</a></th>.*?</tr>)"#, in: page).first ?? ""
        #expect(alpine.contains("Enabled") && alpine.contains("<td class=\"num\">2</td>") && alpine.contains("2024-06-01 02:00 UTC"))
        #expect(page.contains(#"<tr><th scope="row">nvd</th><td>nvd</td><td class="num">40</td>"#))
        #expect(page.contains("4 CVEs listed under &quot;0&quot; (not affected in Alpine) were skipped."))
    }

    @Test func downloadsAndIndexJSONAreMachineReadable() throws {
        let (site, _) = try renderFixture(FixtureSnapshot.withHistory)
        defer { site.cleanUp() }
        let summary = try JSONSerialization.jsonObject(with: Data(try site.read("index.json").utf8)) as! [String: Any]
        #expect(summary["schema"] as? String == "scout-report/fleet-summary/v1")
        let totals = summary["totals"] as! [String: Int]
        #expect(totals["critical"] == 1 && totals["high"] == 14 && totals["total"] == 21)
        let images = summary["images"] as! [[String: Any]]
        #expect(images.map { $0["page"] as! String } == ["images/library-alpine/af341ccd2df8.html", "images/library-alpine/a187dde48cd2.html"])
        #expect(images[1]["downloads"] as? [String: String] == [
            "sarif": "images/library-alpine/a187dde48cd2.sarif.json", "cyclonedx": "images/library-alpine/a187dde48cd2.cdx.json",
            "spdx": "images/library-alpine/a187dde48cd2.spdx.json", "markdown": "images/library-alpine/a187dde48cd2.md",
        ])
        #expect((summary["vulnerabilities"] as! [Any]).count == 21)

        let sarif = try JSONSerialization.jsonObject(with: Data(try site.read("images/library-alpine/a187dde48cd2.sarif.json").utf8)) as! [String: Any]
        #expect(sarif["version"] as? String == "2.1.0")
        let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [Any])
        let cyclonedx = try JSONSerialization.jsonObject(with: Data(try site.read("images/library-alpine/a187dde48cd2.cdx.json").utf8)) as! [String: Any]
        #expect(cyclonedx["bomFormat"] as? String == "CycloneDX")
        #expect((cyclonedx["components"] as? [Any])?.count ?? 0 >= 14, "every package is a component")
        let spdx = try JSONSerialization.jsonObject(with: Data(try site.read("images/library-alpine/a187dde48cd2.spdx.json").utf8)) as! [String: Any]
        #expect((spdx["spdxVersion"] as? String)?.hasPrefix("SPDX-2.") == true)
        let expected = 9 * 2 + 11 * 2 + 1 * 2
        #expect(results.count == expected, "one result per binary package: openssl, busybox and musl are each installed as two binary packages")
    }

    @Test func noTemplateReadsARawValue() throws {
        // Every page kind, with history so that trends and comparisons render too.
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        let log = RenderAudit.Log()
        let files = try SiteRenderer().render(snapshot, into: site.url, audit: log)
        #expect(files.filesWritten > 50 && files.filesLinked == 0)
        #expect(log.violations.isEmpty, "\(log.violations)")
        #expect(log.reads > 4_000, "the audit saw the reads")
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
