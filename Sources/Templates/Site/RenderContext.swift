import Foundation
import ScoutModel

/// What every view needs besides its own data: the templates, the fleet's indexes, shared caches.
final class RenderContext: Sendable {
    let templates: TemplateSet
    /// The workers and their own copies of the templates.
    let workers: RenderWorkers
    /// Severity boxes rendered once per distinct counts.
    let boxes: SeverityBoxesCache
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
    /// The published site's downloads of unchanged images, linked instead of rendered.
    let reuse: DownloadReuse?
    /// What each page of an image, repository, comparison, vulnerability and package is rendered from.
    let fingerprints: PageFingerprints
    /// The published site's pages whose fingerprint did not change, linked instead of rendered.
    let pages: PageReuse?

    /// Advisory Markdown → HTML (libcmark, safe mode).
    let markdown = FragmentCache<String>()
    /// Package rows and findings, rendered once per distinct content and reused by every image page
    /// that shows the same package (or vulnerability of it) in the same place: in a fleet, images
    /// share most of their packages through their base images.
    private let packageRows = FragmentCache<PackageRowKey>()
    private let findingBlocks = FragmentCache<FindingKey>()
    private let imageItems = FragmentCache<ImageItemKey>()
    private let imageCellPairs = FragmentCache<ImageItemKey>()
    private let diffFindingRows = FragmentCache<DiffFindingKey>()
    private let packageChangeRows = FragmentCache<PackageChangeView.Key>()
    private let packageGroups = FragmentCache<PackageGroupView.Key>()
    private let chromes = FragmentCache<ChromeKey>()

    private struct ChromeKey: Hashable, Sendable {
        let depth: Int
        let tab: PageContext.Tab
    }

    /// What a comparison's vulnerability row shows.
    private struct DiffFindingKey: Hashable, Sendable {
        let id: String
        let severity: Severity
        let package: String
        let version: String
        let fixed: String
        let depth: Int
    }

    private struct ImageItemKey: Hashable, Sendable {
        let image: Int
        let depth: Int
    }

    /// How much the fragment caches hold (for `SCOUT_SITE_TIMING`).
    var cacheStatistics: [String] {
        ["package rows: \(packageRows.statistics)", "findings: \(findingBlocks.statistics)", "package groups: \(packageGroups.statistics)",
         "comparison rows: \(diffFindingRows.statistics)", "package change rows: \(packageChangeRows.statistics)", "image items: \(imageItems.statistics)", "image cells: \(imageCellPairs.statistics)",
         "page headers: \(chromes.statistics)", "advisory Markdown: \(markdown.statistics)"]
    }

    /// What a package row shows: the package without the layer's digest (the row shows the layer's
    /// position, part of the key), its vulnerability count, and where the page is.
    private struct PackageRowKey: Hashable, Sendable {
        let package: Package
        let layer: Int?
        let vulnerabilities: Int
        let depth: Int
        let format: PageFormat

        /// Hashes what tells rows apart in practice; `==` still compares every field.
        func hash(into hasher: inout Hasher) {
            hasher.combine(package.name)
            hasher.combine(package.version)
            hasher.combine(layer)
            hasher.combine(vulnerabilities)
            hasher.combine(depth)
            hasher.combine(format.isHTML)
        }
    }

    /// What a finding block shows: the finding without its package's layer digest.
    private struct FindingKey: Hashable, Sendable {
        let finding: Finding
        let depth: Int
        let format: PageFormat

        /// Hashes what tells findings apart in practice (not the advisory's long texts); `==` still
        /// compares every field.
        func hash(into hasher: inout Hasher) {
            hasher.combine(finding.vulnerabilityID)
            hasher.combine(finding.package.name)
            hasher.combine(finding.package.version)
            hasher.combine(finding.isNew)
            hasher.combine(finding.firstSeen)
            hasher.combine(depth)
            hasher.combine(format.isHTML)
        }
    }
    /// Image pairs to compare (for the repository pages). How much differs in each is computed when a
    /// repository page is rendered (`diffSummary`), and the whole difference by its comparison page,
    /// and dropped with it: held for every pair, the package lists of 3,000 comparisons were a fifth of
    /// a fleet's publish memory, and on a night when most pages are linked unrendered, most
    /// differences are never needed.
    let comparisons: [ComparisonPair]
    /// Positions in `comparisons` by repository, in order.
    let comparisonsByRepository: [Int: [Int]]
    /// The repositories of the Images tab, in the order of its rows (`IndexView.rowOrder`): sorted once
    /// for all its pages.
    let imagesTabOrder: [Int]
    /// What every page of a paged tab shows alike, computed once.
    let tabs: TabSummaries

    /// Image rows, each built once per depth and format on first use.
    private let rows: ImageRowCache

    init(templates: TemplateSet, fleet: FleetIndex, toolVersion: String, downloads: [DownloadFormat] = SiteDownloads.formats,
         reuse: DownloadReuse? = nil, pages: PageReuse? = nil, audit: RenderAudit.Log? = nil) {
        self.templates = templates
        self.reuse = reuse
        self.pages = pages
        let workers = RenderWorkers(templates, count: ProcessInfo.processInfo.activeProcessorCount, audit: audit)
        self.workers = workers
        let boxes = SeverityBoxesCache(workers: workers)
        self.boxes = boxes
        self.downloads = downloads
        let comparisons = ComparisonPair.pairs(fleet)
        self.comparisons = comparisons
        var byRepository: [Int: [Int]] = [:]
        for position in comparisons.indices { byRepository[comparisons[position].repository, default: []].append(position) }
        comparisonsByRepository = byRepository
        self.fleet = fleet
        self.toolVersion = toolVersion
        let order = IndexView.rowOrder(fleet)
        imagesTabOrder = order
        tabs = TabSummaries(fleet: fleet, imagesTabOrder: order)
        var packages: [PackageName: String] = [:]
        for entry in fleet.packages where entry.hasPage { packages[PackageName(type: entry.type, name: entry.name)] = entry.stem }
        packageStems = packages
        var vulnerabilities: [String: String] = [:]
        for entry in fleet.vulnerabilities { vulnerabilities[entry.id] = entry.stem }
        vulnerabilityStems = vulnerabilities
        fingerprints = PageFingerprints(fleet: fleet, templates: templates.fingerprint, toolVersion: toolVersion, downloads: downloads,
                                        packageStems: packages, vulnerabilityStems: vulnerabilities,
                                        time: templates.timeOnlyOnStampedPages ? nil : fleet.snapshot.generatedAt,
                                        listsShowLinks: templates.imageListsShowLinksOnly)
        rows = ImageRowCache(count: fleet.images.count)
    }

    /// The row of image `index` as seen from a page `depth` folders below the root.
    func imageRow(_ index: Int, depth: Int, format: PageFormat) -> ImageRowView {
        rows.row(index, depth: depth, html: format.isHTML) { ImageRowView(index, fleet: fleet, depth: depth, format: format, boxes: boxes) }
    }

    /// How much differs between the two images of comparison `position` (counts only).
    func diffSummary(_ position: Int) -> ImageDiff.Summary {
        let pair = comparisons[position]
        return ImageDiff(older: fleet.images[pair.older].report, newer: fleet.images[pair.newer].report, ordered: false).summary
    }

    /// Links the published files of the page `stem` (one per suffix) when its fingerprint did not
    /// change; false when the caller must render it.
    func reusePage(_ stem: String, suffixes: [String] = [".html"], fingerprint: String?) -> Bool {
        pages?.link(stem: stem, suffixes: suffixes, fingerprint: fingerprint) ?? false
    }

    /// Advisory Markdown rendered once per distinct text.
    func markdownHTML(_ text: String) -> Markup {
        Markup(trusted: markdown.value(text) { MarkdownHTML.render(text) })
    }

    /// The row of `package` in an image's packages table, through `partials/package-row` (or `.md`).
    func packageRow(_ package: Package, layer: Int?, vulnerabilities: Int, depth: Int, format: PageFormat) -> String {
        var shown = package
        shown.layerDiffID = nil
        let key = PackageRowKey(package: shown, layer: layer, vulnerabilities: vulnerabilities, depth: depth, format: format)
        return packageRows.value(key) {
            render(PackageRowView(package, layer: layer, vulnerabilities: vulnerabilities, depth: depth, context: self, format: format),
                   format.isHTML ? "partials/package-row" : "partials/package-row.md")
        }
    }

    /// The block (or Markdown row) of one finding, through `partials/finding` (or `.md`).
    func findingBlock(_ finding: Finding, depth: Int, format: PageFormat) -> String {
        var shown = finding
        shown.package.layerDiffID = nil
        return findingBlocks.value(FindingKey(finding: shown, depth: depth, format: format)) {
            render(FindingView(finding, depth: depth, context: self, format: format), format.isHTML ? "partials/finding" : "partials/finding.md")
        }
    }

    /// Image `index` as a list item (`partials/image-item`) on an HTML page `depth` folders down.
    func imageItem(_ index: Int, depth: Int) -> String {
        imageItems.value(ImageItemKey(image: index, depth: depth)) {
            render(imageRow(index, depth: depth, format: .html), "partials/image-item")
        }
    }

    /// A vulnerability added or fixed between two images, as a row of `partials/diff-finding`.
    func diffFindingRow(_ finding: Finding, depth: Int) -> String {
        let key = DiffFindingKey(id: finding.vulnerabilityID, severity: finding.severity, package: finding.package.matchName,
                                 version: finding.package.matchVersion, fixed: finding.fixedVersionDisplay, depth: depth)
        return diffFindingRows.value(key) { render(DiffFindingView(finding, depth: depth, context: self), "partials/diff-finding") }
    }

    /// What differs between the two images of `pair`.
    static func diff(_ pair: ComparisonPair, in fleet: FleetIndex) -> ImageDiff {
        ImageDiff(older: fleet.images[pair.older].report, newer: fleet.images[pair.newer].report)
    }

    /// A package's row in a comparison's changed, added or removed table (`partials/package-change`).
    func packageChangeRow(_ change: ImageDiff.PackageChange, kind: PackageChangeView.Kind) -> String {
        let key = PackageChangeView.Key(change, kind: kind)
        return packageChangeRows.value(key) { render(PackageChangeView(key), "partials/package-change") }
    }

    /// A package group's block on an image page (`partials/package-group` or `.md`).
    func packageGroup(_ view: PackageGroupView) -> Markup {
        Markup(trusted: packageGroups.value(view.key) {
            render(view, view.format.isHTML ? "partials/package-group" : "partials/package-group.md")
        })
    }

    /// The header of an HTML page `depth` folders down with `tab` selected (`partials/chrome`).
    func chrome(depth: Int, tab: PageContext.Tab) -> Markup {
        Markup(trusted: chromes.value(ChromeKey(depth: depth, tab: tab)) {
            render(PageContext(snapshot: fleet.snapshot, pageTitle: "", depth: depth, tab: tab, chrome: nil), "partials/chrome")
        })
    }

    /// Image `index` as the first cells of a table row (`partials/image-cells`), `depth` folders down.
    func imageCells(_ index: Int, depth: Int) -> Markup {
        Markup(trusted: imageCellPairs.value(ImageItemKey(image: index, depth: depth)) {
            render(imageRow(index, depth: depth, format: .html), "partials/image-cells")
        })
    }

    /// Renders a template (which exists: checked at load time).
    func render(_ view: any TemplateView, _ template: String) -> String {
        workers.render(view, template)
    }
}
