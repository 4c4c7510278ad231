import ScoutModel

/// What every view needs besides its own data: the templates, the fleet's indexes, shared caches.
final class RenderContext: Sendable {
    let templates: TemplateSet
    let fleet: FleetIndex
    /// (type, name) → page stem of the package.
    let packageStems: [PackageName: String]

    struct PackageName: Hashable, Sendable {
        let type: PackageType
        let name: String
    }
    /// Vulnerability id → page stem.
    let vulnerabilityStems: [String: String]
    let toolVersion: String
    /// The machine-readable files written beside each image page.
    let downloads: [DownloadFormat]
    /// Set by the tests: records any raw value a template reads.
    let audit: RenderAudit.Log?

    /// Advisory Markdown → HTML (libcmark, safe mode).
    let markdown = FragmentCache<String>()
    /// Image pairs to compare and their differences, computed once (the repository page and the
    /// comparison page share them).
    let comparisons: [ComparisonPair]
    let diffs: [ImageDiff]

    /// Image rows built once: HTML at depths 0–2, Markdown at depths 0 and 2.
    private let htmlRows: [[ImageRowView]]
    private let markdownRows: [Int: [ImageRowView]]

    init(templates: TemplateSet, fleet: FleetIndex, toolVersion: String, downloads: [DownloadFormat] = SiteDownloads.formats,
         audit: RenderAudit.Log? = nil) {
        self.templates = templates
        self.downloads = downloads
        self.audit = audit
        let comparisons = ComparisonPair.pairs(fleet)
        self.comparisons = comparisons
        diffs = Parallel.map(comparisons.count) { ImageDiff(older: fleet.images[comparisons[$0].older].report, newer: fleet.images[comparisons[$0].newer].report) }
        self.fleet = fleet
        self.toolVersion = toolVersion
        var packages: [PackageName: String] = [:]
        for entry in fleet.packages { packages[PackageName(type: entry.type, name: entry.name)] = entry.stem }
        packageStems = packages
        var vulnerabilities: [String: String] = [:]
        for entry in fleet.vulnerabilities { vulnerabilities[entry.id] = entry.stem }
        vulnerabilityStems = vulnerabilities
        let count = fleet.images.count
        htmlRows = (0...2).map { depth in Parallel.map(count) { ImageRowView($0, fleet: fleet, depth: depth, format: .html) } }
        markdownRows = Dictionary(uniqueKeysWithValues: [0, 2].map { depth in
            (depth, Parallel.map(count) { ImageRowView($0, fleet: fleet, depth: depth, format: .markdown) })
        })
    }

    /// The row of image `index` as seen from a page `depth` folders below the root.
    func imageRow(_ index: Int, depth: Int, format: PageFormat) -> ImageRowView {
        if format.isHTML, depth < htmlRows.count { return htmlRows[depth][index] }
        if !format.isHTML, let rows = markdownRows[depth] { return rows[index] }
        return ImageRowView(index, fleet: fleet, depth: depth, format: format)
    }

    /// Advisory Markdown rendered once per distinct text.
    func markdownHTML(_ text: String) -> Markup {
        Markup(trusted: markdown.value(text) { MarkdownHTML.render(text) })
    }

    /// Renders a template (which exists: checked at load time).
    func render(_ view: any TemplateView, _ template: String) -> String {
        if let audit { return templates.render(RenderAudit(base: view, log: audit), template: template) }
        return templates.render(view, template: template)
    }
}
