import Foundation
import ScoutModel
import Testing
@testable import Templates

/// The Images, Vulnerabilities and Packages tabs are split into pages of `Pager.rowsPerPage` rows,
/// linked in order, so that no page grows with the fleet (issue 15.4).
@Suite struct SitePagingTests {
    /// `count` repositories, each one copy of the fixture's Alpine 3.11 image (real findings).
    static func fleet(repositories count: Int) throws -> FleetSnapshot {
        var snapshot = try FixtureSnapshot.make()
        let image = snapshot.images[1]
        snapshot.images = (0..<count).map { number in
            var copy = image
            copy.repository = "team/app\(number)"
            copy.sbom.metadata.manifestDigest = String(format: "sha256:%064x", number + 1)
            // Different counts, so that the worst-first order is not the order of the names.
            copy.findings = Array(image.findings.prefix(1 + number % 7))
            return copy
        }
        snapshot.repositories = []
        snapshot.tagHistory = []
        return snapshot
    }

    @Test func aFleetForThreePagesGivesThreeLinkedPagesWithEveryRepositoryOnce() throws {
        let count = 2 * Pager.rowsPerPage + 17
        let snapshot = try Self.fleet(repositories: count)
        let fleet = FleetIndex(snapshot)
        let context = RenderContext(templates: try TemplateSet(overrideDirectory: nil), fleet: fleet, toolVersion: "test", downloads: [])
        let pages = SitePage.all(fleet: fleet, comparisons: context.comparisons)
        let later = pages.compactMap { page -> Int? in if case .indexPage(let number) = page { number } else { nil } }
        #expect(later == [2, 3])

        var names: [String] = []
        var texts: [String] = []
        for number in 1...3 {
            let page: SitePage = number == 1 ? .index : .indexPage(number)
            let files = try page.render(context: context, download: DownloadFormat.Context(toolVersion: "test", generatedAt: snapshot.generatedAt))
            #expect(files.map(\.0) == [number == 1 ? "index.html" : "index-\(number).html"])
            let text = files[0].1
            texts.append(text)
            names += captures(#"<th scope="row"><a href="repositories/[^"]+">([^<]+)</a>"#, in: text)
        }
        #expect(names.count == count)
        #expect(Set(names) == Set((0..<count).map { "team/app\($0)" }))
        #expect(captures(#"<th scope="row"><a href="repositories/[^"]+">([^<]+)</a>"#, in: texts[2]).count == 17)
        #expect(captures(#"href="([^"]+)" rel="next""#, in: texts[0]).first == "index-2.html")
        #expect(captures(#"href="([^"]+)" rel="prev""#, in: texts[0]).isEmpty)
        #expect(captures(#"href="([^"]+)" rel="prev""#, in: texts[1]).first == "index.html")
        #expect(captures(#"href="([^"]+)" rel="next""#, in: texts[1]).first == "index-3.html")
        #expect(captures(#"href="([^"]+)" rel="prev""#, in: texts[2]).first == "index-2.html")
        #expect(captures(#"href="([^"]+)" rel="next""#, in: texts[2]).isEmpty)
        #expect(texts[2].contains("rows 1001–1017 of 1017"))
        // Worst first across pages: the order is the whole table's, cut in pieces.
        let order = context.imagesTabOrder.map { fleet.repositories[$0].name }
        #expect(names == order)
        // The time of the run is on the first page only.
        #expect(texts[0].contains("<time datetime="))
        #expect(!texts[1].contains("<time datetime="))
    }

    @Test func aSmallTableStaysOnePageWithoutPager() throws {
        let pager = Pager(base: "packages", number: 1, rowCount: Pager.rowsPerPage)
        #expect(pager.pageCount == 1 && pager.rows == 0..<Pager.rowsPerPage)
        #expect(PagerView(pager).child(named: "hasPages") as? Bool == false)
        #expect(Pager(base: "packages", number: 2, rowCount: Pager.rowsPerPage + 1).rows == Pager.rowsPerPage..<(Pager.rowsPerPage + 1))
        #expect(Pager.file("vulnerabilities", page: 1) == "vulnerabilities.html")
        #expect(Pager.file("vulnerabilities", page: 4) == "vulnerabilities-4.html")
    }

    @Test func indexJSONKeepsItsShapeAndSplitsLongListsIntoShardsListedUnderMore() throws {
        let fleet = FleetIndex(try Self.fleet(repositories: 7))
        let summary = FleetSummaryJSON(fleet, toolVersion: "test", downloads: [])
        let whole = try summary.files(shardSize: 100)
        #expect(whole.map(\.0) == ["index.json"])
        #expect(whole[0].1 == (try summary.encoded()))
        #expect(!whole[0].1.contains("\"more\""))
        func object(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
        let all = try object(whole[0].1)

        let split = try summary.files(shardSize: 3)
        let head = try object(split[0].1)
        let more = try #require(head["more"] as? [String: [String]])
        #expect(Set(split.dropFirst().map(\.0)) == Set(more.values.flatMap { $0 }))
        #expect(more["images"] == ["index/images-2.json", "index/images-3.json"])
        for list in ["images", "repositories", "vulnerabilities"] {
            var entries = try #require(head[list] as? [[String: Any]])
            #expect(entries.count <= 3)
            for path in more[list] ?? [] {
                let text = try #require(split.first { $0.0 == path }?.1)
                entries += try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            }
            let expected = try #require(all[list] as? [[String: Any]])
            #expect(entries.map { $0["page"] as? String } == expected.map { $0["page"] as? String }, "\(list)")
        }
        // Every other member is the same as in the whole file.
        #expect(Set(head.keys) == Set(all.keys).union(["more"]))
        #expect(head["totals"] as? [String: Int] == all["totals"] as? [String: Int])
    }
}

/// A vulnerability or package in every image of a large fleet lists its images over several pages
/// (`cve-1.html`, `cve-1~2.html`, …), each image exactly once, linked in order (issue 15.4: no page
/// grows with the fleet).
@Suite struct ItemPagingTests {
    static let count = 2 * Pager.rowsPerPage + 17

    /// The links of an item's pages, in page order, and the image pages they list.
    static func pages(_ page: SitePage, context: RenderContext, generatedAt: String) throws -> (files: [String], texts: [String]) {
        let files = try page.render(context: context, download: DownloadFormat.Context(toolVersion: "test", generatedAt: generatedAt))
        return (files.map(\.0), files.map(\.1))
    }

    @Test func aVulnerabilityInEveryImageListsThemOverThreeLinkedPages() throws {
        let snapshot = try SitePagingTests.fleet(repositories: Self.count)
        let fleet = FleetIndex(snapshot)
        let context = RenderContext(templates: try TemplateSet(overrideDirectory: nil), fleet: fleet, toolVersion: "test", downloads: [])
        // The fixture image's most urgent finding is in every copy (each keeps a prefix of its findings).
        let everywhere = try #require(fleet.vulnerabilities.indices.first { fleet.vulnerabilities[$0].affected.count == Self.count })
        let stem = fleet.vulnerabilities[everywhere].stem
        let base = String(stem.split(separator: "/").last!)
        let (files, texts) = try Self.pages(.vulnerability(everywhere), context: context, generatedAt: snapshot.generatedAt)
        #expect(files == [stem + ".html", stem + "~2.html", stem + "~3.html"])

        let pattern = #"<th scope="row"><a href="\.\./images/([^"]+)\.html">"#
        let listed = texts.flatMap { captures(pattern, in: $0) }
        #expect(listed.count == Self.count)
        #expect(Set(listed).count == Self.count)
        #expect(captures(pattern, in: texts[2]).count == 17)
        #expect(texts.allSatisfy { $0.contains("Affected images <span class=\"count\">\(Self.count)</span>") })
        #expect(captures(#"href="([^"]+)" rel="next""#, in: texts[0]).first == base + "~2.html")
        #expect(captures(#"href="([^"]+)" rel="prev""#, in: texts[2]).first == base + "~2.html")
        #expect(captures(#"href="([^"]+)" rel="first""#, in: texts[2]).first == base + ".html")
        #expect(captures(#"href="([^"]+)" rel="next""#, in: texts[2]).isEmpty)

        // A vulnerability in a few images stays one page without a pager.
        let few = try #require(fleet.vulnerabilities.indices.first { fleet.vulnerabilities[$0].affected.count < Pager.rowsPerPage })
        let single = try Self.pages(.vulnerability(few), context: context, generatedAt: snapshot.generatedAt)
        #expect(single.files == [fleet.vulnerabilities[few].stem + ".html"])
        #expect(!single.texts[0].contains("class=\"pager\""))
    }

    @Test func aPackageInEveryImageListsThemOverThreePagesAndSaysWhereAVersionContinues() throws {
        let snapshot = try SitePagingTests.fleet(repositories: Self.count)
        let fleet = FleetIndex(snapshot)
        let context = RenderContext(templates: try TemplateSet(overrideDirectory: nil), fleet: fleet, toolVersion: "test", downloads: [])
        let position = try #require(fleet.packages.indices.first { fleet.packages[$0].hasPage && fleet.packages[$0].imageCount == Self.count })
        let entry = fleet.packages[position]
        #expect(entry.versions.count == 1)
        let (files, texts) = try Self.pages(.package(position), context: context, generatedAt: snapshot.generatedAt)
        #expect(files == [entry.stem + ".html", entry.stem + "~2.html", entry.stem + "~3.html"])
        let pattern = #"<li><a href="(?:\.\./)+images/([^"]+)\.html">"#
        let listed = texts.flatMap { captures(pattern, in: $0) }
        #expect(listed.count == Self.count)
        #expect(Set(listed).count == Self.count)
        #expect(captures(pattern, in: texts[0]).count == Pager.rowsPerPage)
        // The one version is cut twice: continued on pages 2 and 3, continuing on pages 1 and 2.
        #expect(texts.map { $0.contains("(continued)") } == [false, true, true])
        #expect(texts.map { $0.contains("Continued on the next page.") } == [true, true, false])
    }

    @Test func aBaseUnderEveryImageShowsTheFirstImagesAndCountsTheRest() throws {
        var snapshot = try SitePagingTests.fleet(repositories: Self.count)
        let base = snapshot.images[0]
        for index in snapshot.images.indices {
            snapshot.images[index].base = BaseImageSummary(
                base: BaseImageCandidate(reference: BaseImageReference(repository: "library/alpine", tag: "3.11", digest: base.digest),
                                         counts: base.findings.scoutCounts),
                method: .layers, autoDetected: true,
                refreshed: BaseImageCandidate(reference: BaseImageReference(repository: "library/alpine", tag: "3.11", digest: DashboardFleet.refreshedDigest),
                                              created: "2024-05-31T00:00:00Z"))
        }
        let fleet = FleetIndex(snapshot)
        let context = RenderContext(templates: try TemplateSet(overrideDirectory: nil), fleet: fleet, toolVersion: "test", downloads: [])
        let (files, texts) = try Self.pages(.bases, context: context, generatedAt: snapshot.generatedAt)
        #expect(files == ["bases.html"])
        let page = texts[0]
        // The row's last cell: the images built on the base.
        let cell = try #require(page.range(of: "<td><span class=\"count\">\(Self.count)</span>").map { String(page[$0.lowerBound...].prefix { $0 != "\n" }) })
        #expect(captures(#"<a href="images/([^"]+)">"#, in: cell).count == BasesView.BaseRow.shownImages)
        #expect(cell.contains("and \(Self.count - BasesView.BaseRow.shownImages) more (each image&#39;s page names its base)"))
        // The rebuild list: its count and summary are the whole list's, its links the first 500.
        #expect(page.contains("Rebuild these \(Self.count) images on the refreshed library/alpine:3.11"))
        #expect(page.contains("<span class=\"count\">\(Self.count) images</span>"))
        #expect(captures(#"<li><a href="images/([^"]+)">"#, in: page).count == BasesView.BaseRow.shownRebuilds)
        #expect(page.contains("and \(Self.count - BasesView.BaseRow.shownRebuilds) more (each image&#39;s page says it)"))
    }

    @Test func settingsListEveryRepositoryOverPagesAndTheRestOnTheFirst() throws {
        var snapshot = try SitePagingTests.fleet(repositories: Self.count)
        snapshot.repositories = (0..<Self.count).map { number in
            RepositoryStatus(name: "team/app\(number)", enabled: number % 10 != 0, source: "registry.example",
                             warnings: number == 1_010 ? [ScanWarning(subject: "team/app1010:3.11", message: "manifest unknown")] : [])
        }
        let fleet = FleetIndex(snapshot)
        let context = RenderContext(templates: try TemplateSet(overrideDirectory: nil), fleet: fleet, toolVersion: "test", downloads: [])
        let (files, texts) = try Self.pages(.settings, context: context, generatedAt: snapshot.generatedAt)
        #expect(files == ["settings.html", "settings-2.html", "settings-3.html"])
        let rows = texts.map { captures(#"<tr>\n<th scope="row">(?:<a href="[^"]+">)?([^<]+)<"#, in: $0) }
        #expect(rows.map(\.count) == [Pager.rowsPerPage, Pager.rowsPerPage, 17])
        #expect(Set(rows.flatMap { $0 }) == Set((0..<Self.count).map { "team/app\($0)" }))
        // The counts are the whole list's on every page; the other sections are on the first page only.
        #expect(texts.allSatisfy { $0.contains("\(Self.count - 102) of \(Self.count) repositories enabled") })
        #expect(texts.map { $0.contains("Advisory sources") } == [true, false, false])
        // A repository's warnings are on the page that lists it.
        let warned = try #require(rows.firstIndex { $0.contains("team/app1010") })
        #expect(texts.indices.map { texts[$0].contains("Images of team/app1010 that the last run could not read") } == texts.indices.map { $0 == warned })
        #expect(captures(#"href="([^"]+)" rel="next""#, in: texts[1]).first == "settings-3.html")
    }

    @Test func aTeamOwningEveryImageShowsTheWorstAndTheMostUrgentAndCountsTheRest() throws {
        var snapshot = try SitePagingTests.fleet(repositories: Self.count)
        for index in snapshot.images.indices {
            snapshot.images[index].owner = Owner(team: "platform")
            for finding in snapshot.images[index].findings.indices { snapshot.images[index].findings[finding].isNew = true }
        }
        let newTotal = snapshot.images.reduce(0) { $0 + $1.findings.count }
        let fleet = FleetIndex(snapshot)
        let context = RenderContext(templates: try TemplateSet(overrideDirectory: nil), fleet: fleet, toolVersion: "test", downloads: [])
        let (files, texts) = try Self.pages(.team(0), context: context, generatedAt: snapshot.generatedAt)
        #expect(files == ["teams/platform.html", "teams/platform.md"])
        let (html, markdown) = (texts[0], texts[1])
        #expect(html.contains("\(Self.count) images · \(newTotal) new findings"))
        #expect(captures(#"<tr><th scope="row"><a href="\.\./images/([^"]+)">"#, in: html).count == TeamPageView.shownRows)
        #expect(captures(#"<td><a href="\.\./images/([^"]+)">"#, in: html).count == TeamPageView.shownRows)
        #expect(html.contains("The 500 worst of \(Self.count) images; the Images tab lists them all."))
        #expect(html.contains("The 500 most urgent of \(newTotal) new findings;"))
        #expect(markdown.contains("The 500 worst of \(Self.count) images; the Images tab lists them all."))
        // The worst image is on the list; the rows are the first of the whole order.
        let worst = fleet.teams[0].images.prefix(TeamPageView.shownRows).map { fleet.images[$0].report.displayName }
        #expect(captures(#"<tr><th scope="row"><a href="[^"]+">([^<]+)</a>"#, in: html).prefix(TeamPageView.shownRows).elementsEqual(worst))
    }

    @Test func laterPagesTakeNoNameASlugCanHave() {
        #expect(SitePage.itemFile("vulnerabilities/cve-2024-1", page: 1) == "vulnerabilities/cve-2024-1.html")
        #expect(SitePage.itemFile("vulnerabilities/cve-2024-1", page: 2) == "vulnerabilities/cve-2024-1~2.html")
        // The allocator makes `cve-2024-1-2` for a second name slugging alike: never a later page's name.
        var slugs = SlugAllocator()
        _ = slugs.allocate("CVE-2024-1", fallback: "x")
        #expect(slugs.allocate("cve-2024-1", fallback: "x") == "cve-2024-1-2")
        #expect(SitePaths.slug("cve-2024-1~2") == "cve-2024-1-2")
    }
}
