
import ScoutModel

/// The Images tab (`index.html`) and the fleet summary (`README.md`): one row per repository.
final class IndexView: TemplateView {
    let page: PageContext
    let rows: [RepositoryRowView]
    let totals: [SeverityBoxView]
    let fields: [String: Text]
    let trend: Markup?
    let topVulnerabilities: [VulnerabilityRowView]
    let facets: FacetOptions
    let newSinceLastRun: [ChangeLineView]
    let fixedSinceLastRun: [ChangeLineView]
    let moreChanges: Text?
    /// Which rows this page holds (`index.html`, `index-2.html`, …); nil: every row (`README.md`).
    let pager: PagerView?
    /// Lines of each change list the summary shows at most.
    static let changeLimit = 100

    /// The Images tab's page `number` (`Pager`), or with nil every row (the Markdown summary).
    init(context: RenderContext, format: PageFormat, page number: Int? = nil) {
        let fleet = context.fleet
        page = PageContext(context: context, pageTitle: "Images", depth: 0, tab: .images, format: format, stamped: (number ?? 1) == 1)
        // Worst first (fixable critical, known exploited, critical, high, …), then by name in natural order.
        let order = context.imagesTabOrder
        let pager = number.map { Pager(base: "index", number: $0, rowCount: order.count) }
        self.pager = pager.map(PagerView.init)
        rows = (pager.map { Array(order[$0.rows]) } ?? order).map { RepositoryRowView($0, context: context, depth: 0, format: format) }
        facets = FacetOptions(rows)
        // Totals over the image each repository shows, as Scout's dashboard counts them: the chips, the
        // rows' boxes and the chart's last point are one figure (a vulnerability counts once per image).
        // What changed since the last run in the images the rows show (the Markdown summary lists it).
        let summary = context.tabs.images
        let (added, fixed, counts) = (summary.added, summary.fixed, summary.counts)
        newSinceLastRun = Array(added.prefix(Self.changeLimit))
        fixedSinceLastRun = Array(fixed.prefix(Self.changeLimit))
        moreChanges = added.count + fixed.count > newSinceLastRun.count + fixedSinceLastRun.count
            ? Text("\(added.count - newSinceLastRun.count) more new and \(fixed.count - fixedSinceLastRun.count) more fixed: see each image's page.") : nil
        totals = SeverityBoxView.boxes(counts)
        fields = [
            "imageCount": Text(fleet.listed.count),
            "repositoryCount": Text(order.count),
            "vulnerabilityCount": Text(fleet.vulnerabilities.count),
            "shownVulnerabilityCount": Text(counts.total),
            "packageCount": Text(fleet.packages.count),
            "runCount": Text(fleet.snapshot.runs.count),
        ]
        trend = format.isHTML && (number ?? 1) == 1
            ? FleetTrend.chart(fleet, images: order.map { fleet.repositories[$0].latest! }, title: Self.chartTitle) : nil
        topVulnerabilities = fleet.vulnerabilities.prefix(10).map { VulnerabilityRowView($0, context: context, depth: 0) }
    }

    static let chartTitle = "Vulnerabilities in the newest image of each repository after each run"

    /// The repositories with a row on the Images tab: those with an image, not base-only.
    static func listedRepositories(_ fleet: FleetIndex) -> [Int] {
        fleet.repositories.indices.filter { fleet.repositories[$0].latest != nil && !fleet.repositories[$0].baseOnly }
    }

    /// The Images tab's rows in order: worst first (`ImageTriage`), then by name in natural order.
    static func rowOrder(_ fleet: FleetIndex) -> [Int] {
        let listed = listedRepositories(fleet)
        let triages = listed.map { position in
            let entry = fleet.images[fleet.repositories[position].latest!]
            return ImageTriage(entry.report, counts: entry.counts)
        }
        return listed.indices.sorted {
            ImageTriage.before(triages[$0], fleet.repositories[listed[$0]].name, triages[$1], fleet.repositories[listed[$1]].name)
        }.map { listed[$0] }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "totals": totals
        case "trend": trend
        case "topVulnerabilities": topVulnerabilities
        case "hasVulnerabilities": !topVulnerabilities.isEmpty
        case "facets": facets
        case "newSinceLastRun": newSinceLastRun
        case "fixedSinceLastRun": fixedSinceLastRun
        case "hasChanges": !newSinceLastRun.isEmpty || !fixedSinceLastRun.isEmpty
        case "hasNew": !newSinceLastRun.isEmpty
        case "hasFixed": !fixedSinceLastRun.isEmpty
        case "moreChanges": moreChanges
        case "pager": pager
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One repository in the Images table: its newest image.
final class RepositoryRowView: TemplateView {
    let image: ImageRowView
    let name: Text
    let href: Text
    let otherTags: Text?
    let imageCount: Text
    let triage: ImageTriage
    /// The image the row shows.
    let imageIndex: Int
    /// Facet values (`data-…` attributes, `|`-separated) and the filter's extra words.
    let facetFields: [String: Text]

    init(_ position: Int, context: RenderContext, depth: Int, format: PageFormat) {
        let repository = context.fleet.repositories[position]
        image = context.imageRow(repository.latest!, depth: depth, format: format)
        name = Text(repository.name)
        href = Text(Format.root(depth: depth) + repository.stem + ".html")
        let tagged = repository.images.filter { !context.fleet.images[$0].report.tags.isEmpty }.count
        otherTags = tagged > 1 ? Text("+\(tagged - 1) more") : nil
        imageCount = Text(repository.images.count)
        imageIndex = repository.latest!
        let entry = context.fleet.images[imageIndex]
        triage = ImageTriage(entry.report, counts: entry.counts)
        let graded = entry.report.sbom.isIncomplete ? nil : entry.report.policies?.grade
        facetFields = [
            "dataSev": Text(triage.severitiesPresent.joined(separator: "|")),
            "dataFixable": Text(triage.hasFix ? "yes" : "no"),
            "dataKev": Text(triage.knownExploited > 0 ? "yes" : "no"),
            "dataGrade": Text(graded ?? "N/A"),
            "dataBase": Text(FacetOptions.baseName(entry.report)),
            "dataNamespace": Text(FacetOptions.namespace(repository.name)),
            "searchWords": Text(triage.searchWords),
        ]
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": href
        case "otherTags": otherTags
        case "imageCount": imageCount
        case "imageHref": image.child(named: "href")
        default: facetFields[name] ?? image.child(named: name)
        }
    }
}

/// One image as a table row or a page header: names, platform, counts, change since the last run.
final class ImageRowView: TemplateView, Sendable {
    let fields: [String: Text]
    /// The counts as Scout's boxes (`partials/boxes`), on HTML pages.
    let boxes: Markup?
    let changeLevel: Text
    /// Base image, recommended fixes and policies (`partials/base*.mustache`).
    let base: BaseImageView
    /// Set when layers of the image could not be read: shown instead of its counts, which are partial.
    let incomplete: Text?

    init(_ index: Int, fleet: FleetIndex, depth: Int, format: PageFormat, boxes: SeverityBoxesCache) {
        let entry = fleet.images[index]
        let image = entry.report
        let counts = entry.counts
        self.boxes = format.isHTML ? boxes(counts) : nil
        let repositoryStatus = fleet.repositories[entry.repository].status
        let platform = image.sbom.metadata.platform?.description ?? "unknown"
        let os = image.sbom.os?.prettyName ?? image.sbom.os?.display ?? "unknown"
        let change = Change(image.trend)
        changeLevel = Text(change.level)
        // The base name links to the base's own page when the fleet lists it, else to its row on the Base images tab.
        let baseHref = image.base.map { summary -> String in
            if let digest = summary.base.reference.digest, let own = fleet.imageByDigest[digest] {
                return Format.root(depth: depth) + fleet.images[own].stem + ".html"
            }
            return Format.root(depth: depth) + "bases.html#" + BasesView.anchor(summary.base.reference.displayName)
        }
        base = BaseImageView(image: image, href: format.isHTML ? baseHref : nil)
        let unread = image.sbom.incompleteReasons.count
        incomplete = unread == 0 ? nil
            : Text("Incomplete analysis: \(unread == 1 ? "1 layer or file" : "\(unread) layers or files") of this image could not be read")
        fields = [
            "name": Text(image.displayName),
            "repository": Text(image.repository ?? image.displayName),
            "tag": Text(image.tags.first ?? "untagged"),
            "tags": Text(image.tags.isEmpty ? "none (no tag points here any more)" : image.tags.joined(separator: ", ")),
            "shortDigest": Text(image.digest.shortDigest),
            "digest": Text(image.digest),
            "os": Text(os),
            "platform": Text(platform),
            "osPlatform": Text("\(os) · \(platform)"),
            "packageCount": Text(image.sbom.packages.count),
            "critical": Text(counts.critical),
            "high": Text(counts.high),
            "medium": Text(counts.medium),
            "low": Text(counts.low),
            "unspecified": Text(counts.unspecified),
            "total": Text(counts.total),
            "severityKey": SeverityBoxView.sortKey(counts),
            "lastAnalysed": Text(Format.time(repositoryStatus?.lastAnalysed)),
            "lastAnalysedRaw": Text(repositoryStatus?.lastAnalysed ?? ""),
            "firstSeen": Text(Format.time(image.firstSeen)),
            "firstSeenRaw": Text(image.firstSeen ?? ""),
            "created": Text(Format.time(image.sbom.metadata.created)),
            "createdRaw": Text(image.sbom.metadata.created ?? ""),
            "seen": Text(Format.time(entry.seen)),
            "seenRaw": Text(entry.seen),
            "baseImage": Text(image.base?.base.reference.displayName ?? image.baseImage ?? "—"),
            "healthGrade": Text(image.sbom.isIncomplete ? "—" : image.policies?.grade ?? "—"),
            "health": Text(image.sbom.isIncomplete ? "— (incomplete)" : image.policies?.gradeDisplay ?? "—"),
            "change": Text(change.text),
            "changeKey": Text(String(change.key)),
            "href": Text(Format.root(depth: depth) + entry.stem + (format.isHTML ? ".html" : ".md")),
            "markdownHref": Text(Format.root(depth: depth) + entry.stem + ".md"),
        ]
    }

    func child(named name: String) -> Any? {
        switch name {
        case "boxes": boxes
        case "changeLevel": changeLevel
        case "base": base
        case "incomplete": incomplete
        default: fields[name]
        }
    }

    /// What changed for an image between the last two runs that evaluated it.
    struct Change {
        let text: String
        /// new − fixed, for sorting.
        let key: Int
        /// `worse`, `better`, `same`: a CSS class.
        let level: String

        init(_ trend: [ImageTrendPoint]) {
            guard trend.count >= 2, let last = trend.last else {
                text = trend.isEmpty ? "—" : "first run"
                key = 0
                level = "same"
                return
            }
            let added = last.newFindings, fixed = last.fixedFindings
            key = added - fixed
            switch (added, fixed) {
            case (0, 0): text = "no change"
            case (_, 0): text = "+\(added) new"
            case (0, _): text = "−\(fixed) fixed"
            default: text = "+\(added) new, −\(fixed) fixed"
            }
            level = added > 0 ? "worse" : fixed > 0 ? "better" : "same"
        }
    }
}
