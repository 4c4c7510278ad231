
import ScoutModel

/// One image's page (HTML and Markdown): header, trend, hierarchy and layers, vulnerabilities by
/// package, packages, recommended fixes, downloads, warnings.
final class ImagePageView: TemplateView {
    let page: PageContext
    let row: ImageRowView
    let fields: [String: Escaped]
    let trend: Escaped?
    let baseChain: [LinkView]
    let layers: [LayerView]
    let groups: [PackageGroupView]
    /// Package rows rendered through `partials/package-row` (or `.md`).
    let packageRows: Escaped
    let packageCount: Int
    let warnings: [WarningView]
    let downloads: [LinkView]
    let repositoryHref: Escaped
    let repositoryName: Escaped
    let fixedSinceLastRun: [Escaped]
    /// Findings suppressed by VEX or the ignore list: `CVE-… in package version — reason`.
    let suppressed: [Escaped]

    init(_ index: Int, facts: ImageFacts, context: RenderContext, escape: Escaper) {
        let entry = context.fleet.images[index]
        let image = entry.report
        let snapshot = context.fleet.snapshot
        let depth = PageContext.depth(of: entry.stem)
        let root = Format.root(depth: depth)
        page = PageContext(snapshot: snapshot, pageTitle: image.displayName, depth: depth, tab: .images, escape: escape)
        row = context.imageRow(index, depth: depth, escape: escape)
        let repository = context.fleet.repositories[entry.repository]
        repositoryHref = Escaped(trusted: root + (escape.isHTML ? repository.stem + ".html" : "README.md"))
        repositoryName = escape(repository.name)
        let metadata = image.sbom.metadata
        fields = [
            "size": escape(Format.size(metadata.size)),
            "created": escape(Format.time(metadata.created)),
            "createdRaw": escape(metadata.created ?? ""),
            "source": escape(image.source),
            "configDigest": escape(metadata.configDigest ?? "—"),
            "user": escape((metadata.user ?? "").isEmpty ? "root" : metadata.user!),
            "baseImage": escape(image.base?.base.reference.displayName ?? image.baseImage ?? "—"),
            "layerCount": Escaped(metadata.layers.count),
            "vulnerabilityCount": Escaped(entry.counts.total),
            "findingCount": Escaped(image.findings.count),
            "suppressedCount": Escaped(image.suppressed.groupedBySourcePackage.map(\.findings.count).reduce(0, +)),
            "healthGrade": escape(image.policies?.grade ?? "—"),
            "htmlName": Escaped(trusted: Self.fileName(entry.stem) + ".html"),
            "markdownName": Escaped(trusted: Self.fileName(entry.stem) + ".md"),
        ]
        trend = escape.isHTML && !image.trend.isEmpty
            ? Escaped(trusted: TrendChart.svg(points: image.trend.map { ($0.runAt, $0.counts) }, title: "Vulnerabilities of this image after each run"))
            : nil
        // The base image chain (nearest base first), then "all layers".
        if let summary = image.base {
            let chain = summary.chain.isEmpty ? [summary.base.reference] : summary.chain
            baseChain = chain.map { LinkView(text: escape($0.displayName), href: "#base-image") }
        } else {
            baseChain = image.baseImage.map { [LinkView(text: escape($0), href: "#base-image")] } ?? []
        }

        layers = facts.layers.map { LayerView($0, escape: escape) }
        groups = facts.groups.enumerated().map {
            PackageGroupView($0.element, position: $0.offset, depth: depth, context: context, escape: escape)
        }
        let rowTemplate = escape.isHTML ? "partials/package-row" : "partials/package-row.md"
        var rows = ""
        rows.reserveCapacity(facts.packages.count * (escape.isHTML ? 400 : 120))
        let all = image.sbom.packages
        for (position, layer, count) in facts.packages {
            let package = all[position]
            rows += context.render(PackageRowView(package, layer: layer, vulnerabilities: count, depth: depth, context: context, escape: escape), rowTemplate)
        }
        packageRows = Escaped(trusted: rows)
        packageCount = facts.packages.count
        warnings = WarningView.list(image.sbom.warnings, escape: escape)
        let file = Self.fileName(entry.stem)
        downloads = context.downloads.map { LinkView(text: Escaped(trusted: $0.label), href: file + $0.suffix) }
            + [LinkView(text: Escaped(trusted: "Markdown"), href: file + ".md")]
        fixedSinceLastRun = image.fixedSinceLastRun.map { escape($0) }
        suppressed = image.suppressed.groupedBySourcePackage.flatMap(\.findings).map { finding in
            escape("\(finding.vulnerabilityID) in \(finding.package.name) \(finding.package.version)" + (finding.suppression.map { ": \($0.display)" } ?? ""))
        }
    }

    static func fileName(_ stem: String) -> String {
        stem.split(separator: "/").last.map(String.init) ?? stem
    }

    func child(named name: String) -> Any? {
        switch name {
        case "image": row
        case "trend": trend
        case "baseChain": baseChain
        case "hasBaseChain": !baseChain.isEmpty
        case "layers": layers
        case "hasLayers": !layers.isEmpty
        case "groups": groups
        case "hasGroups": !groups.isEmpty
        case "packageRows": packageRows
        case "hasPackages": packageCount > 0
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        case "warningCount": Escaped(warnings.count)
        case "downloads": downloads
        case "repositoryHref": repositoryHref
        case "repositoryName": repositoryName
        case "fixedSinceLastRun": fixedSinceLastRun
        case "hasFixedSinceLastRun": !fixedSinceLastRun.isEmpty
        case "suppressed": suppressed
        case "hasSuppressed": !suppressed.isEmpty
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One layer, oldest first, with the packages it added and their vulnerabilities.
final class LayerView: TemplateView {
    let index: Escaped
    let size: Escaped
    let createdBy: Escaped
    let digest: Escaped
    let diffID: Escaped
    let shortDiffID: Escaped
    let packageCount: Escaped
    let packageNames: Escaped?
    let boxes: [SeverityBoxView]
    let hasFindings: Bool

    init(_ layer: ImageFacts.Layer, escape: Escaper) {
        index = Escaped(layer.info.index)
        size = escape(Format.size(layer.info.size))
        createdBy = escape(layer.info.createdBy ?? "—")
        digest = escape(layer.info.digest)
        diffID = escape(layer.info.diffID)
        shortDiffID = escape(layer.info.diffID.shortDigest)
        packageCount = Escaped(layer.packageCount)
        packageNames = escape.optional(layer.packageNames)
        boxes = SeverityBoxView.boxes(layer.counts)
        hasFindings = layer.hasFindings
    }

    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "size": size
        case "createdBy": createdBy
        case "digest": digest
        case "diffID": diffID
        case "shortDiffID": shortDiffID
        case "packageCount": packageCount
        case "packageNames": packageNames
        case "boxes": boxes
        case "hasFindings": hasFindings
        default: nil
        }
    }
}

/// One package of the SBOM: a row of the packages table.
final class PackageRowView: TemplateView {
    let type: Escaped
    let name: Escaped
    let version: Escaped
    let source: Escaped
    let licenses: Escaped
    let layer: Escaped
    let layerKey: Escaped
    let purl: Escaped
    let vulnerabilities: Int
    let href: Escaped?

    init(_ package: Package, layer: Int?, vulnerabilities: Int, depth: Int, context: RenderContext, escape: Escaper) {
        type = Escaped(trusted: package.type.rawValue)
        name = escape(package.name)
        version = escape(package.version)
        if let sourceName = package.sourceName {
            source = escape(package.sourceVersion.map { "\(sourceName) \($0)" } ?? sourceName)
        } else {
            source = .empty
        }
        licenses = package.licenses.isEmpty ? Escaped(trusted: "—") : escape(package.licenses.joined(separator: ", "))
        self.layer = layer.map { Escaped(trusted: escape.isHTML ? "#\($0)" : "\\#\($0)") } ?? Escaped(trusted: "—")
        layerKey = Escaped(layer ?? -1)
        purl = escape(package.purl)
        self.vulnerabilities = vulnerabilities
        href = escape.isHTML ? context.packageStems[RenderContext.PackageName(type: package.type, name: package.name)].map {
            Escaped(trusted: Format.root(depth: depth) + $0 + ".html")
        } : nil
    }

    func child(named name: String) -> Any? {
        switch name {
        case "type": type
        case "name": self.name
        case "version": version
        case "source": source
        case "licenses": licenses
        case "layer": layer
        case "layerKey": layerKey
        case "purl": purl
        case "vulnerabilities": Escaped(vulnerabilities)
        case "isVulnerable": vulnerabilities > 0
        case "href": href
        default: nil
        }
    }
}
