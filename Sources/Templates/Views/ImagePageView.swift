import Mustache
import ScoutModel

/// One image's page: overview, layers, vulnerabilities by package, packages, warnings.
struct ImagePageView: MustacheParent {
    var page: PageContext
    var row: ImageRowView
    var fields: [String: String]
    var layers: [LayerView]
    var groups: [PackageGroupView]
    var packages: [PackageRowView]
    var warnings: [WarningView]
    /// Links from this page to its sibling in the other format.
    var htmlName: String
    var markdownName: String
    /// New and fixed since the last run, the per-image trend, suppressed findings (`ImageFeedsView`).
    var feeds: [String: Any]

    init(snapshot: FleetSnapshot, image: ImageReport, row: ImageRowView, pageStem: String, escape: Escaper, html: Bool) {
        let depth = pageStem.split(separator: "/").count - 1
        page = PageContext(snapshot: snapshot, pageTitle: image.displayName, depth: depth, tab: .images, escape: escape)
        self.row = row
        let metadata = image.sbom.metadata
        fields = [
            "size": escape(Format.size(metadata.size)),
            "created": escape(Format.time(metadata.created)),
            "createdRaw": escape(metadata.created ?? ""),
            "source": escape(image.source),
            "configDigest": escape(metadata.configDigest ?? "—"),
            "user": escape((metadata.user ?? "").isEmpty ? "root" : metadata.user!),
            "baseImage": escape(image.baseImage ?? "—"),
            "layerCount": String(metadata.layers.count),
            "vulnerabilityCount": String(image.findings.scoutCounts.total),
        ]
        var layerIndex: [String: Int] = [:]
        for layer in metadata.layers where layerIndex[layer.diffID] == nil { layerIndex[layer.diffID] = layer.index }
        layers = metadata.layers.sorted { $0.index < $1.index }.map { LayerView($0, escape: escape) }
        groups = image.findings.groupedBySourcePackage.enumerated().map {
            PackageGroupView($0.element, position: $0.offset, escape: escape, markdownDetails: html)
        }
        packages = image.sbom.packages
            .sorted { ($0.type, $0.name, $0.version, $0.purl) < ($1.type, $1.name, $1.version, $1.purl) }
            .map { PackageRowView($0, layerIndex: $0.layerDiffID.flatMap { layerIndex[$0] }, escape: escape) }
        warnings = WarningView.list(image.sbom.warnings, escape: escape)
        let file = pageStem.split(separator: "/").last.map(String.init) ?? pageStem
        htmlName = file + ".html"
        markdownName = file + ".md"
        feeds = ImageFeedsView(image, escape: escape).fields
    }

    func child(named name: String) -> Any? {
        switch name {
        case "image": row
        case "layers": layers
        case "hasLayers": !layers.isEmpty
        case "groups": groups
        case "hasGroups": !groups.isEmpty
        case "packages": packages
        case "hasPackages": !packages.isEmpty
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        case "warningCount": String(warnings.count)
        case "htmlName": htmlName
        case "markdownName": markdownName
        default: fields[name].map { $0 as Any } ?? feeds[name] ?? page.child(named: name)
        }
    }
}

/// One layer, oldest first.
struct LayerView: MustacheParent {
    var index: String
    var size: String
    var createdBy: String
    var digest: String
    var diffID: String

    init(_ layer: LayerInfo, escape: Escaper) {
        index = String(layer.index)
        size = escape(Format.size(layer.size))
        createdBy = escape(layer.createdBy ?? "—")
        digest = escape(layer.digest)
        diffID = escape(layer.diffID)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "size": size
        case "createdBy": createdBy
        case "digest": digest
        case "diffID": diffID
        case "shortDiffID": diffID.shortDigest
        default: nil
        }
    }
}

/// One package of the SBOM.
struct PackageRowView: MustacheParent {
    var type: String
    var name: String
    var version: String
    var source: String
    var licenses: String
    var layer: String
    var layerDiffID: String
    var purl: String

    init(_ package: Package, layerIndex: Int?, escape: Escaper) {
        type = escape(package.type.rawValue)
        name = escape(package.name)
        version = escape(package.version)
        let sourceText = package.sourceName.map { [$0, package.sourceVersion].compactMap { $0 }.joined(separator: " ") } ?? ""
        source = escape(sourceText)
        licenses = escape(package.licenses.joined(separator: ", "))
        layer = escape(layerIndex.map { "#\($0)" } ?? "—")
        layerDiffID = escape(package.layerDiffID ?? "")
        purl = escape(package.purl)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "type": type
        case "name": self.name
        case "version": version
        case "source": source
        case "licenses": licenses
        case "layer": layer
        case "layerDiffID": layerDiffID
        case "purl": purl
        default: nil
        }
    }
}
