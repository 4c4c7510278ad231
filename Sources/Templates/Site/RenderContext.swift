
import ScoutModel

/// What every view needs besides its own data: the templates, the fleet's indexes, shared caches.
struct RenderContext: Sendable {
    let templates: TemplateSet
    let fleet: FleetIndex
    /// `type|name` → page stem of the package.
    let packageStems: [String: String]
    /// Vulnerability id → page stem.
    let vulnerabilityStems: [String: String]
    let toolVersion: String
    /// Set by the tests: records any raw value a template reads.
    var audit: RenderAudit.Log?

    /// Advisory Markdown → HTML (libcmark, safe mode).
    let markdown = FragmentCache<String>()
    /// A finding's block on an image page, per output format and page depth.
    let findings = FragmentCache<FindingKey>()
    /// A package row on an image page, per output format and page depth.
    let packageRows = FragmentCache<PackageRowKey>()

    /// A finding as its block shows it: without the package's layer and paths, which differ per image.
    struct FindingKey: Hashable, Sendable {
        let finding: Finding
        let html: Bool
        let depth: Int
        init(_ finding: Finding, html: Bool, depth: Int) {
            var shown = finding
            shown.package.layerDiffID = nil
            shown.package.locations = []
            self.finding = shown
            self.html = html
            self.depth = depth
        }
    }

    /// A package row as shown: identity, licences, layer position and vulnerability count.
    struct PackageRowKey: Hashable, Sendable {
        let type: PackageType
        let name: String
        let version: String
        let sourceName: String?
        let sourceVersion: String?
        let purl: String
        let licenses: [String]
        let layer: Int?
        let vulnerabilities: Int
        let html: Bool
        let depth: Int
    }

    /// Image pairs to compare and their differences, computed once (the repository page and the
    /// comparison page share them).
    let comparisons: [ComparisonPair]
    let diffs: [ImageDiff]

    /// Image rows built once: HTML at depths 0–2, Markdown at depths 0 and 2.
    private let htmlRows: [[ImageRowView]]
    private let markdownRows: [Int: [ImageRowView]]

    init(templates: TemplateSet, fleet: FleetIndex, toolVersion: String) {
        self.templates = templates
        let comparisons = ComparisonPair.pairs(fleet)
        self.comparisons = comparisons
        diffs = Parallel.map(comparisons.count) { ImageDiff(older: fleet.images[comparisons[$0].older].report, newer: fleet.images[comparisons[$0].newer].report) }
        self.fleet = fleet
        self.toolVersion = toolVersion
        var packages: [String: String] = [:]
        for entry in fleet.packages { packages["\(entry.type.rawValue)|\(entry.name)"] = entry.stem }
        packageStems = packages
        var vulnerabilities: [String: String] = [:]
        for entry in fleet.vulnerabilities { vulnerabilities[entry.id] = entry.stem }
        vulnerabilityStems = vulnerabilities
        htmlRows = (0...2).map { depth in fleet.images.indices.map { ImageRowView($0, fleet: fleet, depth: depth, escape: .html) } }
        markdownRows = Dictionary(uniqueKeysWithValues: [0, 2].map { depth in
            (depth, fleet.images.indices.map { ImageRowView($0, fleet: fleet, depth: depth, escape: .markdown) })
        })
    }

    /// The row of image `index` as seen from a page `depth` folders below the root.
    func imageRow(_ index: Int, depth: Int, escape: Escaper) -> ImageRowView {
        if escape.isHTML, depth < htmlRows.count { return htmlRows[depth][index] }
        if !escape.isHTML, let rows = markdownRows[depth] { return rows[index] }
        return ImageRowView(index, fleet: fleet, depth: depth, escape: escape)
    }

    /// Advisory Markdown rendered once per distinct text.
    func markdownHTML(_ text: String) -> Escaped {
        Escaped(trusted: markdown.value(text) { MarkdownHTML.render(text) })
    }

    /// Renders a template (which exists: checked at load time).
    func render(_ view: any TemplateView, _ template: String) -> String {
        if let audit { return templates.render(RenderAudit(base: view, log: audit), template: template) }
        return templates.render(view, template: template)
    }
}
