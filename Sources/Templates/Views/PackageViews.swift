
import ScoutModel

/// The Packages tab: every package of the fleet with its versions in use.
final class PackagesView: TemplateView {
    let page: PageContext
    let rows: [PackageEntryRowView]
    let fields: [String: Text]
    /// What the table leaves out (packages without a page: `SiteLimits.packagePagesPerImage`), else nil.
    let unlisted: Text?

    let pager: PagerView

    /// Page `number` of the tab (`Pager`: `packages.html`, `packages-2.html`, …).
    init(context: RenderContext, format: PageFormat, page number: Int = 1) {
        let fleet = context.fleet
        page = PageContext(context: context, pageTitle: "Packages", depth: 0, tab: .packages, format: format)
        let summary = context.tabs.packages
        let listed = summary.listed
        let pager = Pager(base: "packages", number: number, rowCount: listed.count)
        self.pager = PagerView(pager)
        rows = listed[pager.rows].map { PackageEntryRowView(fleet.packages[$0], depth: 0) }
        let left = fleet.packages.count - listed.count
        unlisted = left == 0 ? nil : Text(
            "\(left) more packages, found only in images with more than \(SiteLimits.packagePagesPerImage) packages and without known vulnerabilities, have no row or page here: each image's SBOM downloads list them.")
        fields = [
            "packageCount": Text(fleet.packages.count),
            "vulnerableCount": Text(summary.vulnerableCount),
        ]
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "unlisted": unlisted
        case "pager": pager
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One package (type and name) in the fleet table.
final class PackageEntryRowView: TemplateView {
    let fields: [String: Text]
    let isVulnerable: Bool

    init(_ entry: PackageEntry, depth: Int) {
        let vulnerabilities = Set(entry.versions.flatMap(\.vulnerabilities)).count
        let worst = entry.versions.compactMap(\.worst).min()
        fields = [
            "type": Text(entry.type.rawValue),
            "name": Text(entry.name),
            "href": Text(Format.root(depth: depth) + entry.stem + ".html"),
            "versions": Text(entry.versions.map(\.version).joined(separator: ", ")),
            "versionCount": Text(entry.versions.count),
            "imageCount": Text(entry.imageCount),
            "vulnerabilityCount": Text(vulnerabilities),
            "licenses": Text(entry.licenses.isEmpty ? "—" : entry.licenses.joined(separator: ", ")),
            "level": Text(worst?.rawValue ?? "none"),
            "severityRank": Text(worst.map { 5 - $0.rank } ?? 0),
        ]
        isVulnerable = vulnerabilities > 0
    }

    func child(named name: String) -> Any? {
        name == "isVulnerable" ? isVulnerable : fields[name]
    }
}

/// One package's page: each version in use and where. The (version, image) items are split into
/// pages of `Pager.rowsPerPage` (`openssl.html`, `openssl~2.html`, …): a package of the base image is
/// in every image of the fleet. A version cut by a page break is continued on the next page.
final class PackagePageView: TemplateView {
    let page: PageContext
    let row: PackageEntryRowView
    let versions: [PackageVersionView]
    let pager: PagerView

    /// Every page of package `position`, in order; the header (its row counts every image) is built once.
    static func pages(_ position: Int, context: RenderContext, format: PageFormat) -> [PackagePageView] {
        let entry = context.fleet.packages[position]
        let depth = PageContext.depth(of: entry.stem)
        let page = PageContext(context: context, pageTitle: "\(entry.name) (\(entry.type.rawValue))", depth: depth, tab: .packages, format: format)
        let row = PackageEntryRowView(entry, depth: depth)
        let count = imageCount(entry)
        return (1...Pager.pageCount(rows: count)).map { number in
            PackagePageView(entry, page: page, row: row, depth: depth, context: context,
                            pager: Pager.item(base: String(entry.stem.split(separator: "/").last ?? ""), number: number, rowCount: count))
        }
    }

    private init(_ entry: PackageEntry, page: PageContext, row: PackageEntryRowView, depth: Int, context: RenderContext, pager: Pager) {
        self.page = page
        self.row = row
        self.pager = PagerView(pager)
        // Each version's slice of this page's items.
        var versions: [PackageVersionView] = []
        var start = 0
        for version in entry.versions {
            let items = start..<(start + version.images.count)
            start = items.upperBound
            let shown = items.clamped(to: pager.rows)
            guard !shown.isEmpty else { continue }
            let slice = (shown.lowerBound - items.lowerBound)..<(shown.upperBound - items.lowerBound)
            versions.append(PackageVersionView(version, images: slice, depth: depth, context: context))
        }
        self.versions = versions
    }

    /// The (version, image) items the package's pages list.
    static func imageCount(_ entry: PackageEntry) -> Int {
        entry.versions.reduce(0) { $0 + $1.images.count }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "package": row
        case "versions": versions
        case "pager": pager
        default: page.child(named: name)
        }
    }
}

/// One version of a package and the images that have it.
final class PackageVersionView: TemplateView {
    let version: Text
    /// The images as `partials/image-item` list items, each rendered once per page depth.
    let imageItems: Markup
    let imageCount: Int
    let vulnerabilities: [LinkView]
    let level: Text

    /// `images`: the positions in `version.images` this page lists (a version cut by a page break
    /// says so on both pages).
    let continued: Bool
    let continues: Bool

    init(_ version: PackageEntry.Version, images: Range<Int>, depth: Int, context: RenderContext) {
        self.version = Text(version.version)
        imageItems = Markup(trusted: version.images[images].map { context.imageItem($0, depth: depth) }.joined())
        imageCount = version.images.count
        continued = images.lowerBound > 0
        continues = images.upperBound < version.images.count
        vulnerabilities = version.vulnerabilities.map { id in
            LinkView(text: Text(id), href: context.vulnerabilityStems[id].map { Format.root(depth: depth) + $0 + ".html" } ?? "#")
        }
        level = Text(version.worst?.rawValue ?? "none")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "version": version
        case "imageItems": imageItems
        case "imageCount": Text(imageCount)
        case "vulnerabilities": vulnerabilities
        case "hasVulnerabilities": !vulnerabilities.isEmpty
        case "vulnerabilityCount": Text(vulnerabilities.count)
        case "level": level
        case "continued": continued
        case "continues": continues
        default: nil
        }
    }
}
