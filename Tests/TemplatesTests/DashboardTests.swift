import Foundation
import ScoutModel
import Testing
@testable import Templates

/// Issue 16: a dashboard a security team can act on, checked on the fixture and on `DashboardFleet`.
@Suite struct DashboardTests {
    static func render(_ snapshot: FleetSnapshot) throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try SiteRenderer().render(snapshot, into: site.url)
        if let keep = ProcessInfo.processInfo.environment["DASHBOARD_KEEP_SITE"] {
            let target = URL(fileURLWithPath: keep)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: site.url, to: target)
        }
        return site
    }

    /// The Images table's rows: (repository, the `<tr …>` attributes, the row's cells).
    static func rows(_ index: String) -> [(name: String, attributes: String, cells: String)] {
        let regex = try! NSRegularExpression(pattern: #"(?s)<tr( data-[^>]*)>\s*<th scope="row"><a href="[^"]+">([^<]+)</a></th>(.*?)</tr>"#)
        return regex.matches(in: index, range: NSRange(index.startIndex..., in: index)).map { match in
            func group(_ n: Int) -> String { String(index[Range(match.range(at: n), in: index)!]) }
            return (group(2), group(1), group(3))
        }
    }

    static func counts(inBoxes html: String) -> [Int] {
        captures(#"<span class="sev sev-[a-z]+(?: zero)?" title="(\d+) [a-z]+">"#, in: html).map { Int($0)! }
    }

    // MARK: 4. Worst first, natural order, facets, a filter over what is shown

    @Test func imagesTabIsWorstFirstWithNamesInNaturalOrder() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let names = Self.rows(index).map(\.name)
        // alpine: a fixable critical; app2: known exploited; app10: a critical without fix; then three ties by name.
        #expect(names == ["library/alpine", "team/app2", "team/app10", "team/app1", "team/svc9", "team/svc10"])
        #expect(NaturalOrder.less("app2", "app10") && !NaturalOrder.less("app10", "app2"))
        #expect(NaturalOrder.less("3.9", "3.10") && NaturalOrder.less("a", "b") && !NaturalOrder.less("b", "a"))
        #expect(NaturalOrder.less("app02", "app2") != NaturalOrder.less("app2", "app02"), "a strict order, even for equal numbers")
    }

    @Test func rowsCarryFacetsAndTheWordsTheFilterMatches() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let rows = Dictionary(uniqueKeysWithValues: Self.rows(index).map { ($0.name, $0.attributes) })
        let app2 = try #require(rows["team/app2"]), app1 = try #require(rows["team/app1"]), app10 = try #require(rows["team/app10"])
        #expect(app2.contains(#"data-kev="yes""#) && app2.contains(#"data-sev="high""#) && app2.contains(#"data-namespace="team""#))
        #expect(app2.contains(#"data-search="high kev fixable CVE-"#), "typing kev, high or a CVE id finds the row")
        #expect(app10.contains(#"data-kev="no""#) && app10.contains(#"data-fixable="no""#) && app10.contains(#"data-search="critical high medium low CVE-"#))
        #expect(app1.contains(#"data-sev="medium|low""#), "only the severities present: 'critical' must not match it")
        #expect(app1.contains(#"data-grade="C""#) && app2.contains(#"data-grade="A""#) && app10.contains(#"data-grade="N/A""#))
        #expect(app1.contains(#"data-base="library/alpine:3.11""#))
        // The facets and the filter need site.js: hidden until it runs.
        let tools = try #require(index.range(of: #"<div class="tools facets" hidden data-tools>"#))
        let rest = index[tools.lowerBound...]
        let controls = rest[..<(rest.range(of: "</div>")?.upperBound ?? rest.endIndex)]
        #expect(controls.contains(#"data-facet="kev""#) && controls.contains(#"data-facet="fixable""#) && controls.contains(#"data-facet="sev""#))
        #expect(controls.contains(#"<option value="team">team</option>"#) && controls.contains(#"<option value="C">Grade C</option>"#))
        #expect(controls.contains(#"<option value="library/alpine:3.11">library/alpine:3.11</option>"#))
        // site.js matches the visible text plus data-search, never the screen-reader-only labels.
        let script = try site.read("assets/site.js")
        #expect(script.contains(#"classList.contains("vh")"#) && script.contains("data-search") && script.contains("numeric: true"))
    }

    // MARK: 2. Totals that agree

    @Test func chipsRowsAndChartCountTheSameImagesAndSaySo() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let fleetLine = try #require(captures(#"(?s)<p class="fleet">(.*?)</p>"#, in: index).first)
        let chips = Self.counts(inBoxes: fleetLine)
        let rowTotals = Self.rows(index).map { Self.counts(inBoxes: $0.cells) }
        let summed = (0..<5).map { severity in rowTotals.reduce(0) { $0 + $1[severity] } }
        #expect(chips == summed, "the chips add up the rows")
        let total = chips.reduce(0, +)
        #expect(fleetLine.contains("\(total) vulnerabilities in the newest image of each repository (once per image)"))
        // The chart's last run: the same figure, per severity.
        let last = FixtureSnapshot.runTimes[2].prefix(10)
        let chart = captures(#"<title>\#(last) 02:00 UTC: (\d+) [a-z]+</title>"#, in: index).map { Int($0)! }
        #expect(chart.reduce(0, +) == total, "the chart's last point is the chips' total")
        #expect(index.contains("Vulnerabilities in the newest image of each repository after each run"))
        // The distinct count is named as such, and is the Vulnerabilities tab's count.
        let distinct = try #require(captures(#"(\d+) distinct vulnerabilities</a> in them"#, in: index).first)
        let list = try site.read("vulnerabilities.html")
        #expect(list.contains("\(distinct) distinct vulnerabilities in every image the site lists"))
        #expect(Int(distinct)! < total, "a vulnerability in several images counts once here, once per image in the chips")
    }

    @Test func runsPageCountsTheImagesTheSiteListsAndNamesTheRest() throws {
        var snapshot = try DashboardFleet.make()
        snapshot.runs[0].imagesEvaluated = snapshot.images.count + 6   // six base-only images were evaluated too
        let site = try Self.render(snapshot)
        defer { site.cleanUp() }
        let runs = try site.read("runs.html")
        let latest = try #require(captures(#"(?s)<tr><th scope="row" class="num">3</th>(.*?)</tr>"#, in: runs).first)
        #expect(latest.contains(#"<td class="num" data-key="7">7 <span class="muted small" title="6 more evaluated as base images only or in disabled repositories: not on the Images tab">+6 not listed</span></td>"#), "\(latest)")
        #expect(try site.read("index.html").contains("7 images (every tag and digest)"), "the Images tab's word for the same count")
        #expect(runs.contains("Vulnerabilities in every image the site lists (all tags and digests) after each run"))
    }

    // MARK: 3. Settings: the command that works, and where the state comes from

    @Test func settingsGiveTheCommandThatWorksAndTheStateOrigin() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let page = try site.read("settings.html")
        let rows = captures(#"(?s)<tr>\s*(<th scope="row">.*?)</tr>"#, in: page)
        let retired = try #require(rows.first { $0.contains(">team/retired<") })
        #expect(retired.contains(#"To enable: <code class="cmd">scout-report repo enable team/retired</code>"#))
        #expect(retired.contains("stored by scout-report repo disable, overriding enabled: true in scout-report.yml"))
        #expect(retired.contains("editing the file changes nothing until this command is run"))
        let found = try #require(rows.first { $0.contains(">team/found<") })
        #expect(found.contains("scout-report repo enable team/found") && found.contains("found in the registry catalog"))
        let app1 = try #require(rows.first { $0.contains(">team/app1<") })
        #expect(app1.contains("scout-report repo disable team/app1") && app1.contains("scout-report.yml (enabled: true)"))
        #expect(!page.contains("set <code>enabled: true</code>"), "the instruction that did not work is gone")
    }

    // MARK: 5. Grades and policies at a glance

    @Test func gradesInScoutColoursAndPoliciesInWords() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let cells = Dictionary(uniqueKeysWithValues: Self.rows(index).map { ($0.name, $0.cells) })
        #expect(cells["library/alpine"]?.contains(#"<span class="gb gb-e" title="Health E (20%) (1/3 policies met, 1 missing data)">E</span>"#) == true)
        #expect(cells["team/app2"]?.contains(#"class="gb gb-a""#) == true && cells["team/app1"]?.contains(#"class="gb gb-c""#) == true)
        #expect(cells["team/app10"]?.contains(#"<span class="gb gb-na" title="No grade: no policy had data">N/A</span>"#) == true)
        let css = try site.read("assets/style.css")
        for (grade, colour) in [("a", "#1a7f37"), ("c", "#f5c518"), ("d", "#f08a24"), ("f", "#b42318")] {
            #expect(css.contains(".gb-\(grade)") && css.contains(colour), "grade \(grade)")
        }
        let stem = try #require(captures(#"href="(images/library-alpine/[0-9a-f]+)\.html" class="tag">3\.11<"#, in: index).first)
        let page = try site.read(stem + ".html")
        #expect(page.contains(#"<span class="ps ps-violated"><span aria-hidden="true">!</span> Violated</span>"#))
        #expect(page.contains(#"<span class="ps ps-noData"><span aria-hidden="true">?</span> No data</span>"#))
        #expect(page.contains(#"<span class="ps ps-compliant"><span aria-hidden="true">✓</span> Compliant</span>"#))
        #expect(page.contains("its age counts from when scout-report first saw it"), "the page says when first seen stood in")
    }

    // MARK: 6. Base images as places

    @Test func baseImagesLinkToTheirPageAndTheTabListsRebuilds() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let cells = Dictionary(uniqueKeysWithValues: Self.rows(index).map { ($0.name, $0.cells) })
        let alpineStem = try #require(captures(#"href="(images/library-alpine/[0-9a-f]+)\.html" class="tag">3\.11<"#, in: index).first)
        #expect(cells["team/app1"]?.contains(#"<a href="\#(alpineStem).html">library/alpine:3.11</a> <span class="flag" title="A refreshed base image exists: same tag, newer digest">refresh</span>"#) == true)
        #expect(index.contains(#"<a href="bases.html">Base images</a>"#), "a tab in the data-driven tab bar")
        let bases = try site.read("bases.html")
        #expect(bases.contains(#"<a href="bases.html" aria-current="page">Base images</a>"#))
        #expect(bases.contains(#"<tr id="base-library-alpine-3.11"><th scope="row"><a href="\#(alpineStem).html">library/alpine:3.11</a></th>"#))
        #expect(bases.contains("Rebuild these 5 images on the refreshed library/alpine:3.11 (newer digest, created 2024-05-31 00:00 UTC)"))
        for name in ["team/app1:1.1", "team/app10:1.10", "team/app2:1.2", "team/svc10:1.11", "team/svc9:1.9"] {
            #expect(bases.contains(">\(name)</a>"), "\(name) is listed under its base")
        }
        #expect(try LinkCheck.run(site).broken.isEmpty)
    }

    // MARK: 7. Findings

    @Test func findingsShowAMarkerLinksEPSSAndASummaryCutAtAWord() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let index = try site.read("index.html")
        let stem = try #require(captures(#"href="(images/team-app2/[0-9a-f]+)\.html" class="tag">"#, in: index).first)
        let page = try site.read(stem + ".html")
        #expect(page.contains(#"<strong class="vid"><a href="../../vulnerabilities/cve-"#), "the CVE id links to its fleet page")
        #expect(page.contains(#"<span class="score">EPSS 43.21%</span>"#) || page.contains("<span class=\"score\">EPSS "), "EPSS in the one-line view")
        #expect(page.contains(#"<dt>Package</dt><dd><a href="../../packages/apk/"#), "the package links to its page")
        let gists = captures(#"<span class="gist">([^<]*)</span>"#, in: page)
        #expect(!gists.isEmpty)
        for gist in gists where gist.hasSuffix("…") {
            #expect(gist.count <= 141 && !gist.dropLast().hasSuffix(" "), "\(gist)")
        }
        let css = try site.read("assets/style.css")
        #expect(css.contains(#"details.finding > summary::before"#) && css.contains(#"content: "▸""#), "a visible expand marker")
        let mild = try #require(captures(#"href="(images/team-app1/[0-9a-f]+)\.html" class="tag">"#, in: index).first)
        #expect(try site.read(mild + ".html").contains(#"<span class="gist">No summary in the advisory</span>"#))
        let list = try site.read("vulnerabilities.html")
        #expect(list.contains(#"<a href="packages/apk/libcrypto1.1.html" class="pkg-link">libcrypto1.1</a>"#))
        #expect(list.contains(#"<td class="num opt" data-key="0.4321">"#), "EPSS in the list")
    }

    @Test func aNameInTwoEcosystemsSaysWhichAndSummariesFallBackToAnyFinding() throws {
        var snapshot = try FixtureSnapshot.make()
        for index in snapshot.images.indices {
            snapshot.images[index].findings = snapshot.images[index].findings.map { var f = $0; f.summary = nil; f.details = nil; return f }
        }
        // The same packages as Debian's: libssl1.1 is now an apk and a deb package, with a DSA's summary.
        var debian = snapshot.images[1]
        debian.repository = "library/debian"
        debian.tags = ["10"]
        debian.sbom.metadata.manifestDigest = "sha256:" + String(repeating: "d", count: 64)
        debian.sbom.packages = debian.sbom.packages.map { var p = $0; p.type = .deb; return p }
        debian.findings = debian.findings.map { var f = $0; f.package.type = .deb; f.summary = "openssl - security update"; return f }
        snapshot.images.append(debian)
        let site = try Self.render(snapshot)
        defer { site.cleanUp() }
        let list = try site.read("vulnerabilities.html")
        let row = try #require(captures(#"(?s)(<a href="vulnerabilities/cve-2021-3711.html">.*?</tr>)"#, in: list).first)
        #expect(row.contains(#"<a href="packages/apk/libssl1.1.html" class="pkg-link">libssl1.1 (apk)</a>"#), "\(row)")
        #expect(row.contains(#"<a href="packages/deb/libssl1.1.html" class="pkg-link">libssl1.1 (deb)</a>"#))
        #expect(row.contains("openssl - security update") && !row.contains("No summary"), "any affected finding's summary")
    }

    @Test func excerptsCutAtAWordWithAnEllipsis() {
        let text = "A buffer overflow in the SM2 decryption code allows an attacker able to present SM2 content for decryption to change application behaviour or crash it."
        let cut = Format.excerpt(text, limit: 60)!
        #expect(cut == "A buffer overflow in the SM2 decryption code allows an…")
        #expect(text.hasPrefix(String(cut.dropLast())))
        #expect(Format.excerpt("Short one.", limit: 60) == "Short one.")
        #expect(Format.excerpt("   \n  ", limit: 60) == nil)
        #expect(Format.excerpt("first line\nsecond line", limit: 60) == "first line")
        #expect(Format.excerpt(String(repeating: "x", count: 100), limit: 10) == String(repeating: "x", count: 10) + "…")
        #expect(Format.summaryLine(summary: nil, details: nil) == "No summary in the advisory")
        #expect(Format.summaryLine(summary: " ", details: "From the details.") == "From the details.")
    }

    // MARK: 8 and 9. Phone width, contrast, a chart readable without colour, labelled chips

    @Test func phoneWidthKeepsTheColumnsThatMatterAndChipsAreReadable() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let css = try site.read("assets/style.css")
        let phone = try #require(css.range(of: "@media (max-width: 700px)"))
        #expect(css[phone.lowerBound...].contains("table.data .opt { display: none; }"))
        let index = try site.read("index.html")
        let head = try #require(captures(#"(?s)<thead>(.*?)</thead>"#, in: index).first)
        #expect(head.contains(#"<th scope="col" data-desc>Vulnerabilities</th>"#) && head.contains(#"<th scope="col" data-type="num" data-desc>Health</th>"#), "kept on a phone")
        let list = try site.read("vulnerabilities.html")
        #expect(list.contains(#"<th scope="col">Fix</th>"#), "the fix column has no opt class")
        // Zero chips: ≥ 4.5:1 against the panel.
        let zero = try #require(captures(#"--zero-text: (#[0-9a-f]{6})"#, in: css).first)
        let panel = try #require(captures(#"--panel: (#[0-9a-f]{6})"#, in: css).first)
        #expect(Self.contrast(zero, panel) >= 4.5, "\(zero) on \(panel): \(Self.contrast(zero, panel))")
        #expect(Self.contrast("#ffffff", "#1a7f37") >= 4.5 && Self.contrast("#1b1306", "#f5c518") >= 4.5)
        #expect(Self.contrast("#1b1306", "#f08a24") >= 4.5 && Self.contrast("#ffffff", "#b42318") >= 4.5)
        // Every chip is labelled, including the base image's on image pages.
        for file in site.files() where file.hasSuffix(".html") {
            let page = try site.read(file)
            let chips = captures(#"(<span class="sev sev-[a-z]+(?: zero)?"[^>]*>)"#, in: page)
            #expect(chips.allSatisfy { $0.contains("title=") }, "\(file)")
        }
        // The chart tells series apart by shape and dash, and the legend shows the shapes.
        #expect(index.contains("<rect class=\"dot tc-high\"") && index.contains("<path class=\"dot tc-medium\"") && index.contains("<circle class=\"dot tc-critical\""))
        #expect(index.contains(#"<span class="glyph" aria-hidden="true">■</span> High"#) && css.contains("svg.trend .ls-high { stroke-dasharray"))
    }

    /// WCAG contrast ratio of two `#rrggbb` colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            let channels = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    // MARK: 10. Markdown

    @Test func markdownCarriesHealthBaseLinksChangesAndPolicies() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let readme = try site.read("README.md")
        #expect(readme.contains("| Base image | Health | Since last run |"))
        #expect(readme.contains("| library/alpine:3.11 | — | no change |") || readme.contains("| library/alpine:3.11 |"), "base image per row")
        #expect(readme.contains("| E (20%) |"), "health per row")
        #expect(readme.contains("[CVE-2021-3711](https://nvd.nist.gov/vuln/detail/CVE-2021-3711)"))
        #expect(readme.contains("## Since the last run") && readme.contains("- [CVE-2019-1547](https://nvd.nist.gov/vuln/detail/CVE-2019-1547) libcrypto1.1 1.1.1d-r3 (library/alpine:3.11)"))
        for file in site.files() where file.hasSuffix(".md") {
            let text = try site.read(file)
            #expect(!text.split(separator: "\n").contains { $0.allSatisfy { $0 == "|" || $0 == " " } && $0.contains("|") }, "an empty table row in \(file)")
        }
        let index = try site.read("index.html")
        let stem = try #require(captures(#"href="(images/library-alpine/[0-9a-f]+)\.html" class="tag">3\.11<"#, in: index).first)
        let image = try site.read(stem + ".md")
        #expect(image.contains("| Fact | Value |") && image.contains("| Health | E (20%) (1/3 policies met, 1 missing data) |"))
        #expect(image.contains("## Policies") && image.contains("| No fixable critical or high vulnerabilities | Violated | 1C 13H (1 fixable critical or high vulnerability has no known publication date"))
        #expect(image.contains("- Fixed: [CVE-2019-1547](https://nvd.nist.gov/vuln/detail/CVE-2019-1547) libcrypto1.1 1.1.1d-r3"))
        #expect(image.contains("| [CVE-2021-3711](https://nvd.nist.gov/vuln/detail/CVE-2021-3711) |"))
    }

    // MARK: 11. index.json

    @Test func indexJSONCarriesHealthPoliciesAndBaseImages() throws {
        let site = try Self.render(try DashboardFleet.make())
        defer { site.cleanUp() }
        let json = try JSONSerialization.jsonObject(with: Data(try site.read("index.json").utf8)) as! [String: Any]
        let images = json["images"] as! [[String: Any]]
        let alpine = try #require(images.first { $0["name"] as? String == "library/alpine:3.11" })
        let health = try #require(alpine["health"] as? [String: Any])
        #expect(health["grade"] as? String == "E" && health["score"] as? Int == 20)
        let policies = health["policies"] as! [[String: Any]]
        #expect(policies.map { $0["status"] as! String } == ["violated", "unknown", "compliant"])
        #expect(policies.map { $0["id"] as! String } == ["fixable-critical-high", "supply-chain-attestations", "default-non-root-user"])
        #expect(policies[0]["result"] as? String == "1C 13H" && policies[1]["result"] as? String == "No data")
        #expect(images.first { $0["name"] as? String == "team/app10:1.10" }.map { $0["health"] == nil } == true, "no policies, no health")
        let repositories = json["repositories"] as! [[String: Any]]
        #expect(repositories.first { $0["name"] as? String == "team/app1" }?["baseImage"] as? String == "library/alpine:3.11")
        #expect(repositories.first { $0["name"] as? String == "library/alpine" }?["baseImage"] == nil)
    }
}
