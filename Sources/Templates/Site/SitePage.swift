import ScoutModel
import Reports

/// One unit of rendering work: a page (or an image's page and its downloads).
enum SitePage: Sendable {
    case index, readme, settings, runs, vulnerabilities, packages, summaryJSON, bases
    /// The Teams tab, the fleet's Atom feed with one per team, and the findings exports.
    case teams, feeds, exportsCSV, exportsJSON
    /// Page 2, 3, … of the Images, Vulnerabilities and Packages tabs (`Pager`); page 1 is `.index`,
    /// `.vulnerabilities` and `.packages`.
    case indexPage(Int), vulnerabilitiesPage(Int), packagesPage(Int)
    case team(Int)
    case image(Int)
    case repository(Int)
    case comparison(Int)
    case vulnerability(Int)
    case package(Int)

    /// Every page of the site, heaviest first so that the cores finish together.
    static func all(fleet: FleetIndex, comparisons: [ComparisonPair]) -> [SitePage] {
        var pages: [SitePage] = fleet.images.indices.map { .image($0) }
        pages += [.index, .readme, .settings, .runs, .vulnerabilities, .packages, .summaryJSON, .bases]
        pages += [.teams, .feeds, .exportsCSV, .exportsJSON] + fleet.teams.indices.map { .team($0) }
        pages += Self.laterPages(rows: IndexView.listedRepositories(fleet).count).map { .indexPage($0) }
        pages += Self.laterPages(rows: fleet.vulnerabilities.count).map { .vulnerabilitiesPage($0) }
        pages += Self.laterPages(rows: fleet.packages.filter(\.hasPage).count).map { .packagesPage($0) }
        pages += fleet.repositories.indices.filter { !fleet.repositories[$0].images.isEmpty }.map { .repository($0) }
        pages += comparisons.indices.map { .comparison($0) }
        pages += fleet.vulnerabilities.indices.map { .vulnerability($0) }
        pages += fleet.packages.indices.filter { fleet.packages[$0].hasPage }.map { .package($0) }
        return pages
    }

    /// Page `page` of an item whose page is at `stem` (`vulnerabilities/cve-1` → `…/cve-1~2.html`).
    static func itemFile(_ stem: String, page: Int) -> String {
        let folder = SiteWriter.folder(of: stem)
        let base = folder.isEmpty ? stem : String(stem.dropFirst(folder.count + 1))
        let file = Pager.item(base: base, number: page, rowCount: 0).file
        return folder.isEmpty ? file : folder + "/" + file
    }

    /// The file suffixes of an item's `pages` pages after its stem: `.html`, `~2.html`, …
    static func itemSuffixes(pages: Int) -> [String] {
        (1...max(1, pages)).map { String(itemFile("", page: $0)) }
    }

    /// The numbers of a table's pages after the first.
    private static func laterPages(rows: Int) -> [Int] {
        let count = Pager.pageCount(rows: rows)
        return count < 2 ? [] : Array(2...count)
    }

    /// The page's kind, for timing.
    var kind: String {
        switch self {
        case .index, .indexPage: "index"
        case .readme: "readme"
        case .settings: "settings"
        case .runs: "runs"
        case .vulnerabilities, .vulnerabilitiesPage: "vulnerabilities"
        case .packages, .packagesPage: "packages"
        case .summaryJSON: "index.json"
        case .bases: "bases"
        case .teams: "teams"
        case .team: "team (html, md)"
        case .feeds: "feeds"
        case .exportsCSV, .exportsJSON: "exports"
        case .image: "image (html, md, downloads)"
        case .repository: "repository"
        case .comparison: "comparison"
        case .vulnerability: "vulnerability"
        case .package: "package"
        }
    }

    /// Every folder the pages go into (relative to the root).
    static func folders(fleet: FleetIndex, comparisons: [ComparisonPair]) -> Set<String> {
        var folders: Set<String> = ["feeds/teams", "exports"]
        if !fleet.teams.isEmpty { folders.insert("teams") }
        if FleetSummaryJSON.needsShards(fleet) { folders.insert("index") }
        for stem in fleet.images.map(\.stem) + fleet.repositories.map(\.stem) + comparisons.map(\.stem)
            + fleet.vulnerabilities.map(\.stem) + fleet.packages.filter(\.hasPage).map(\.stem) {
            folders.insert(SiteWriter.folder(of: stem))
        }
        return folders
    }

    /// Writes the page straight to its file when it is too large to render as one text (the findings
    /// exports: a row per finding of the fleet); false for every other page.
    func stream(context: RenderContext, writer: SiteWriter) throws -> Bool {
        switch self {
        case .exportsCSV:
            let export = FindingExport(images: context.fleet.snapshot.images.filter { !$0.tags.isEmpty })
            try writer.write(to: "exports/findings.csv") { sink in export.writeCSV(sink) }
            return true
        case .exportsJSON:
            let export = FindingExport(images: context.fleet.snapshot.images.filter { !$0.tags.isEmpty })
            try writer.write(to: "exports/findings.json") { sink in export.writeJSON(sink) }
            return true
        default:
            return false
        }
    }

    /// Renders the page: (relative path, text) of each file.
    func render(context: RenderContext, download: DownloadFormat.Context) throws -> [(String, String)] {
        let fleet = context.fleet
        let comparisons = context.comparisons
        switch self {
        case .index:
            return [("index.html", context.render(IndexView(context: context, format: .html, page: 1), "index.html"))]
        case .indexPage(let number):
            return [(Pager.file("index", page: number), context.render(IndexView(context: context, format: .html, page: number), "index.html"))]
        case .vulnerabilitiesPage(let number):
            return [(Pager.file("vulnerabilities", page: number),
                     context.render(VulnerabilitiesView(context: context, format: .html, page: number), "vulnerabilities.html"))]
        case .packagesPage(let number):
            return [(Pager.file("packages", page: number), context.render(PackagesView(context: context, format: .html, page: number), "packages.html"))]
        case .readme:
            return [("README.md", context.render(IndexView(context: context, format: .markdown), "README.md"))]
        case .settings:
            return (1...Pager.pageCount(rows: context.fleet.snapshot.repositories.count)).map { number in
                (Pager.file("settings", page: number), context.render(SettingsView(context: context, format: .html, page: number), "settings.html"))
            }
        case .runs:
            return [("runs.html", context.render(RunsView(context: context, format: .html), "runs.html"))]
        case .vulnerabilities:
            return [("vulnerabilities.html", context.render(VulnerabilitiesView(context: context, format: .html), "vulnerabilities.html"))]
        case .packages:
            return [("packages.html", context.render(PackagesView(context: context, format: .html), "packages.html"))]
        case .bases:
            return [("bases.html", context.render(BasesView(context: context, format: .html), "bases.html"))]
        case .summaryJSON:
            return try FleetSummaryJSON(fleet, toolVersion: context.toolVersion, downloads: context.downloads).files()
        case .teams:
            return [("teams.html", context.render(TeamsView(context: context, format: .html), "teams.html"))]
        case .team(let position):
            let stem = fleet.teams[position].stem
            return [(stem + ".html", context.render(TeamPageView(position, context: context, format: .html), "team.html")),
                    (stem + ".md", context.render(TeamPageView(position, context: context, format: .markdown), "team.md"))]
        case .feeds:
            var files = [("feeds/new-findings.atom", AtomFeed(fleet: fleet, path: "feeds/new-findings.atom", title: "\(fleet.snapshot.title): new findings", team: nil, teamStem: nil)
                .render(vulnerabilityStems: context.vulnerabilityStems))]
            for team in fleet.teams {
                let path = "feeds/\(team.stem).atom"
                files.append((path, AtomFeed(fleet: fleet, path: path, title: "\(fleet.snapshot.title): new findings of team \(team.name)", team: team.name, teamStem: team.stem)
                    .render(vulnerabilityStems: context.vulnerabilityStems)))
            }
            return files
        case .exportsCSV, .exportsJSON:
            return []  // streamed: see `stream(context:writer:)`
        case .image(let index):
            let stem = fleet.images[index].stem
            var files: [(String, String)] = []
            if !context.reusePage(stem, suffixes: [".html", ".md"], fingerprint: context.fingerprints.image(index, fleet: fleet)) {
                let facts = ImageFacts(fleet.images[index].report)
                files = [
                    (stem + ".html", context.render(ImagePageView(index, facts: facts, context: context, format: .html), "image.html")),
                    (stem + ".md", context.render(ImagePageView(index, facts: facts, context: context, format: .markdown), "image.md")),
                ]
            }
            guard !context.downloads.isEmpty else { return files }
            let report = fleet.images[index].report
            if let fingerprint = context.fingerprints.downloads[index], let reuse = context.reuse {
                reuse.record(stem: stem, fingerprint: fingerprint)
                if reuse.link(stem: stem, fingerprint: fingerprint, formats: context.downloads) { return files }
            }
            for format in context.downloads {
                files.append((stem + format.suffix, try format.render(report, download)))
            }
            return files
        case .repository(let position):
            let pairs = context.comparisonsByRepository[position] ?? []
            let stem = fleet.repositories[position].stem
            let fingerprint = context.fingerprints.repository(position, fleet: fleet, comparisons: pairs.map { comparisons[$0] })
            if context.reusePage(stem, fingerprint: fingerprint) { return [] }
            return [(stem + ".html", context.render(RepositoryPageView(position, comparisons: pairs, context: context, format: .html), "repository.html"))]
        case .comparison(let position):
            let stem = comparisons[position].stem
            if context.reusePage(stem, fingerprint: context.fingerprints.comparison(comparisons[position])) { return [] }
            return [(stem + ".html", context.render(ComparisonView(position, context: context, format: .html), "compare.html"))]
        case .vulnerability(let position):
            // The affected images split into pages of `Pager.rowsPerPage` (every image, for a base-image package);
            // the page count follows the images listed, which the fingerprint covers.
            let entry = fleet.vulnerabilities[position]
            let count = Pager.pageCount(rows: entry.affected.count)
            if context.reusePage(entry.stem, suffixes: Self.itemSuffixes(pages: count), fingerprint: context.fingerprints.vulnerability(entry)) { return [] }
            return VulnerabilityPageView.pages(position, context: context, format: .html).enumerated().map { offset, view in
                (Self.itemFile(entry.stem, page: offset + 1), context.render(view, "vulnerability.html"))
            }
        case .package(let position):
            let entry = fleet.packages[position]
            let count = Pager.pageCount(rows: PackagePageView.imageCount(entry))
            if context.reusePage(entry.stem, suffixes: Self.itemSuffixes(pages: count), fingerprint: context.fingerprints.package(entry)) { return [] }
            return PackagePageView.pages(position, context: context, format: .html).enumerated().map { offset, view in
                (Self.itemFile(entry.stem, page: offset + 1), context.render(view, "package.html"))
            }
        }
    }
}
