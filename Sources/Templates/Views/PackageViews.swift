
import ScoutModel

/// The Packages tab: every package of the fleet with its versions in use.
final class PackagesView: TemplateView {
    let page: PageContext
    let rows: [PackageEntryRowView]
    let fields: [String: Escaped]

    init(context: RenderContext, escape: Escaper) {
        let fleet = context.fleet
        page = PageContext(snapshot: fleet.snapshot, pageTitle: "Packages", depth: 0, tab: .packages, escape: escape)
        rows = fleet.packages.map { PackageEntryRowView($0, depth: 0, escape: escape) }
        fields = [
            "packageCount": Escaped(fleet.packages.count),
            "vulnerableCount": Escaped(fleet.packages.filter { $0.versions.contains { !$0.vulnerabilities.isEmpty } }.count),
        ]
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "hasRows": !rows.isEmpty
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One package (type and name) in the fleet table.
final class PackageEntryRowView: TemplateView {
    let fields: [String: Escaped]
    let isVulnerable: Bool

    init(_ entry: PackageEntry, depth: Int, escape: Escaper) {
        let vulnerabilities = Set(entry.versions.flatMap(\.vulnerabilities)).count
        let worst = entry.versions.compactMap(\.worst).min()
        fields = [
            "type": escape(entry.type.rawValue),
            "name": escape(entry.name),
            "href": Escaped(trusted: Format.root(depth: depth) + entry.stem + ".html"),
            "versions": escape(entry.versions.map(\.version).joined(separator: ", ")),
            "versionCount": Escaped(entry.versions.count),
            "imageCount": Escaped(entry.imageCount),
            "vulnerabilityCount": Escaped(vulnerabilities),
            "licenses": escape(entry.licenses.isEmpty ? "—" : entry.licenses.joined(separator: ", ")),
            "level": Escaped(trusted: worst?.rawValue ?? "none"),
            "severityRank": Escaped(worst.map { 5 - $0.rank } ?? 0),
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

    init(_ position: Int, context: RenderContext, escape: Escaper) {
        let entry = context.fleet.packages[position]
        let depth = PageContext.depth(of: entry.stem)
        page = PageContext(snapshot: context.fleet.snapshot, pageTitle: "\(entry.name) (\(entry.type.rawValue))", depth: depth, tab: .packages, escape: escape)
        row = PackageEntryRowView(entry, depth: depth, escape: escape)
        versions = entry.versions.map { PackageVersionView($0, depth: depth, context: context, escape: escape) }
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
    let version: Escaped
    let images: [ImageRowView]
    let vulnerabilities: [LinkView]
    let level: Escaped

    init(_ version: PackageEntry.Version, depth: Int, context: RenderContext, escape: Escaper) {
        self.version = escape(version.version)
        images = version.images.map { context.imageRow($0, depth: depth, escape: escape) }
        vulnerabilities = version.vulnerabilities.map { id in
            LinkView(text: escape(id), href: context.vulnerabilityStems[id].map { Format.root(depth: depth) + $0 + ".html" } ?? "#")
        }
        level = Escaped(trusted: version.worst?.rawValue ?? "none")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "version": version
        case "images": images
        case "imageCount": Escaped(images.count)
        case "vulnerabilities": vulnerabilities
        case "hasVulnerabilities": !vulnerabilities.isEmpty
        case "vulnerabilityCount": Escaped(vulnerabilities.count)
        case "level": level
        default: nil
        }
    }
}
