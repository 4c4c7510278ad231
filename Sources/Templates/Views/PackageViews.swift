
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

/// One package's page: each version in use and where.
final class PackagePageView: TemplateView {
    let page: PageContext
    let row: PackageEntryRowView
    let versions: [PackageVersionView]

    init(_ position: Int, context: RenderContext, format: PageFormat) {
        let entry = context.fleet.packages[position]
        let depth = PageContext.depth(of: entry.stem)
        page = PageContext(context: context, pageTitle: "\(entry.name) (\(entry.type.rawValue))", depth: depth, tab: .packages, format: format)
        row = PackageEntryRowView(entry, depth: depth)
        versions = entry.versions.map { PackageVersionView($0, depth: depth, context: context) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "package": row
        case "versions": versions
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

    init(_ version: PackageEntry.Version, depth: Int, context: RenderContext) {
        self.version = Text(version.version)
        imageItems = Markup(trusted: version.images.map { context.imageItem($0, depth: depth) }.joined())
        imageCount = version.images.count
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
        default: nil
        }
    }
}
