
import ScoutModel

/// One image's page (HTML and Markdown): header, trend, hierarchy and layers, vulnerabilities by
/// package, packages, recommended fixes, downloads, warnings.
final class ImagePageView: TemplateView {
    let page: PageContext
    let row: ImageRowView
    let fields: [String: Text]
    let trend: Markup?
    let baseChain: [LinkView]
    let layers: [LayerView]
    let groups: [PackageGroupItem]
    /// Package rows rendered through `partials/package-row` (or `.md`), each once per distinct row.
    let packageRows: Markup
    let packageCount: Int
    /// The rows past `SiteLimits.packageRowsPerImage`, counted, else nil.
    let morePackages: Text?
    let warnings: [WarningView]
    /// The warnings that make the analysis incomplete (layers or files that could not be read).
    let incompleteReasons: [WarningView]
    let downloads: [LinkView]
    let repositoryHref: Text
    let repositoryName: Text
    let fixedSinceLastRun: [Text]
    /// New and fixed since the last run, with links (the Markdown page).
    let newLines: [ChangeLineView]
    let fixedLines: [ChangeLineView]
    /// The image is only in base-only repositories: its page exists for the images built on it.
    let baseOnly: Bool
    /// Findings suppressed by VEX or the ignore list: `CVE-… in package version — reason`.
    let suppressed: [Text]

    init(_ index: Int, facts: ImageFacts, context: RenderContext, format: PageFormat) {
        let entry = context.fleet.images[index]
        let image = entry.report
        let depth = PageContext.depth(of: entry.stem)
        let root = Format.root(depth: depth)
        page = PageContext(context: context, pageTitle: image.displayName, depth: depth, tab: .images, format: format)
        row = context.imageRow(index, depth: depth, format: format)
        let repository = context.fleet.repositories[entry.repository]
        repositoryHref = Text(root + (format.isHTML ? repository.stem + ".html" : "README.md"))
        repositoryName = Text(repository.name)
        let metadata = image.sbom.metadata
        fields = [
            "size": Text(Format.size(metadata.size)),
            "created": Text(Format.time(metadata.created)),
            "createdRaw": Text(metadata.created ?? ""),
            "source": Text(image.source),
            "configDigest": Text(metadata.configDigest ?? "—"),
            "user": Text((metadata.user ?? "").isEmpty ? "root" : metadata.user!),
            "baseImage": Text(image.base?.base.reference.displayName ?? image.baseImage ?? "—"),
            "layerCount": Text(metadata.layers.count),
            "vulnerabilityCount": Text(entry.counts.total),
            "findingCount": Text(image.findings.count),
            "suppressedCount": Text(image.suppressed.groupedBySourcePackage.map(\.findings.count).reduce(0, +)),
            "healthGrade": Text(image.sbom.isIncomplete ? "— (incomplete analysis)" : image.policies?.grade ?? "—"),
            "health": Text(image.sbom.isIncomplete ? "— (incomplete analysis)" : image.policies.map { "\($0.gradeDisplay) \($0.summary)" } ?? "—"),
            "healthGradeNote": Text(image.sbom.isIncomplete ? "(incomplete analysis)" : image.policies?.percent.map { "\($0)% of policy points met" } ?? ""),
            "htmlName": Text(Self.fileName(entry.stem) + ".html"),
            "markdownName": Text(Self.fileName(entry.stem) + ".md"),
        ]
        trend = format.isHTML && !image.trend.isEmpty
            ? Markup(trusted: TrendChart.svg(points: TrendChart.changes(image.trend), title: "Vulnerabilities of this image each time they changed"))
            : nil
        // The base image chain (nearest base first), then "all layers".
        if let summary = image.base {
            let chain = summary.chain.isEmpty ? [summary.base.reference] : summary.chain
            baseChain = chain.map { LinkView(text: Text($0.displayName), href: "#base-image") }
        } else {
            baseChain = image.baseImage.map { [LinkView(text: Text($0), href: "#base-image")] } ?? []
        }

        layers = facts.layers.map { LayerView($0, boxes: context.boxes) }
        groups = facts.groups.enumerated().map {
            PackageGroupItem($0.element, position: $0.offset, depth: depth, context: context, format: format)
        }
        var rows = ""
        let shown = facts.packages.prefix(SiteLimits.packageRowsPerImage)
        rows.reserveCapacity(shown.count * (format.isHTML ? 400 : 120))
        let all = image.sbom.packages
        for (position, layer, count) in shown {
            let package = all[position]
            rows += context.packageRow(package, layer: layer, vulnerabilities: count, depth: depth, format: format)
        }
        packageRows = Markup(trusted: rows)
        packageCount = facts.packages.count
        morePackages = shown.count == facts.packages.count ? nil
            : Text("\(facts.packages.count - shown.count) more packages are not shown here; the SBOM downloads list every one.")
        warnings = WarningView.list(image.sbom.warnings)
        incompleteReasons = WarningView.list(image.sbom.incompleteReasons)
        let file = Self.fileName(entry.stem)
        downloads = context.downloads.map { LinkView(text: Text($0.label), href: file + $0.suffix) }
            + [LinkView(text: Text("Markdown"), href: file + ".md")]
        fixedSinceLastRun = image.fixedSinceLastRun.map { Text($0) }
        baseOnly = image.baseOnly
        newLines = ChangeLineView.new(image)
        fixedLines = ChangeLineView.fixed(image)
        suppressed = image.suppressed.groupedBySourcePackage.flatMap(\.findings).map { finding in
            Text("\(finding.vulnerabilityID) in \(finding.package.name) \(finding.package.version)" + (finding.suppression.map { ": \($0.display)" } ?? ""))
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
        case "morePackages": morePackages
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        case "incompleteReasons": incompleteReasons
        case "warningCount": Text(warnings.count)
        case "downloads": downloads
        case "repositoryHref": repositoryHref
        case "repositoryName": repositoryName
        case "fixedSinceLastRun": fixedSinceLastRun
        case "hasFixedSinceLastRun": !fixedSinceLastRun.isEmpty
        case "newLines": newLines
        case "fixedLines": fixedLines
        case "hasChangeLines": !newLines.isEmpty || !fixedLines.isEmpty
        case "baseOnly": baseOnly
        case "suppressed": suppressed
        case "hasSuppressed": !suppressed.isEmpty
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One layer, oldest first, with the packages it added and their vulnerabilities.
final class LayerView: TemplateView {
    let index: Text
    let size: Text
    let createdBy: Text
    let digest: Text
    let diffID: Text
    let shortDiffID: Text
    let packageCount: Text
    let packageNames: Text?
    let boxes: Markup
    let hasFindings: Bool

    init(_ layer: ImageFacts.Layer, boxes: SeverityBoxesCache) {
        index = Text(layer.info.index)
        size = Text(Format.size(layer.info.size))
        // Masked again here: images stored before masking existed keep their history verbatim.
        createdBy = Text(layer.info.createdBy.map(HistoryMasking.masked) ?? "—")
        digest = Text(layer.info.digest)
        diffID = Text(layer.info.diffID)
        shortDiffID = Text(layer.info.diffID.shortDigest)
        packageCount = Text(layer.packageCount)
        packageNames = Text.optional(layer.packageNames)
        self.boxes = boxes(layer.counts)
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
    let type: Text
    let name: Text
    let version: Text
    let source: Text
    let licenses: Text
    let layer: Text
    let layerKey: Text
    let purl: Text
    let vulnerabilities: Int
    let href: Text?

    init(_ package: Package, layer: Int?, vulnerabilities: Int, depth: Int, context: RenderContext, format: PageFormat) {
        type = Text(package.type.rawValue)
        name = Text(package.name)
        version = Text(package.version)
        if let sourceName = package.sourceName {
            source = Text(package.sourceVersion.map { "\(sourceName) \($0)" } ?? sourceName)
        } else {
            source = .empty
        }
        licenses = package.licenses.isEmpty ? Text("—") : Text(package.licenses.joined(separator: ", "))
        self.layer = layer.map { Text("#\($0)") } ?? Text("—")
        layerKey = Text(layer ?? -1)
        purl = Text(package.purl)
        self.vulnerabilities = vulnerabilities
        href = format.isHTML ? context.packageStems[RenderContext.PackageName(type: package.type, name: package.name)].map {
            Text(Format.root(depth: depth) + $0 + ".html")
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
        case "vulnerabilities": Text(vulnerabilities)
        case "isVulnerable": vulnerabilities > 0
        case "href": href
        default: nil
        }
    }
}
