
import ScoutModel

/// The Images tab (`index.html`) and the fleet summary (`README.md`): one row per repository.
final class IndexView: TemplateView {
    let page: PageContext
    let rows: [RepositoryRowView]
    let totals: [SeverityBoxView]
    let fields: [String: Escaped]
    let trend: Escaped?
    let topVulnerabilities: [VulnerabilityRowView]

    init(context: RenderContext, escape: Escaper) {
        let fleet = context.fleet
        page = PageContext(snapshot: fleet.snapshot, pageTitle: "Images", depth: 0, tab: .images, escape: escape)
        rows = fleet.repositories.indices.compactMap { position in
            fleet.repositories[position].latest == nil ? nil : RepositoryRowView(position, context: context, depth: 0, escape: escape)
        }
        // Totals over the image each repository shows, as Scout's dashboard counts them.
        var counts = SeverityCounts()
        for repository in fleet.repositories {
            guard let latest = repository.latest else { continue }
            for severity in Severity.allCases { counts[severity] += fleet.images[latest].counts[severity] }
        }
        totals = SeverityBoxView.boxes(counts)
        fields = [
            "imageCount": Escaped(fleet.images.count),
            "repositoryCount": Escaped(rows.count),
            "vulnerabilityCount": Escaped(fleet.vulnerabilities.count),
            "packageCount": Escaped(fleet.packages.count),
            "runCount": Escaped(fleet.snapshot.runs.count),
        ]
        trend = escape.isHTML ? FleetTrend.chart(fleet, title: "Vulnerabilities in the fleet after each run") : nil
        topVulnerabilities = fleet.vulnerabilities.prefix(10).map { VulnerabilityRowView($0, context: context, depth: 0, escape: escape) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "totals": totals
        case "trend": trend
        case "topVulnerabilities": topVulnerabilities
        case "hasVulnerabilities": !topVulnerabilities.isEmpty
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One repository in the Images table: its newest image.
final class RepositoryRowView: TemplateView {
    let image: ImageRowView
    let name: Escaped
    let href: Escaped
    let otherTags: Escaped?
    let imageCount: Escaped

    init(_ position: Int, context: RenderContext, depth: Int, escape: Escaper) {
        let repository = context.fleet.repositories[position]
        image = context.imageRow(repository.latest!, depth: depth, escape: escape)
        name = escape(repository.name)
        href = Escaped(trusted: Format.root(depth: depth) + repository.stem + ".html")
        let tagged = repository.images.filter { !context.fleet.images[$0].report.tags.isEmpty }.count
        otherTags = tagged > 1 ? Escaped(trusted: "+\(tagged - 1) more") : nil
        imageCount = Escaped(repository.images.count)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": href
        case "otherTags": otherTags
        case "imageCount": imageCount
        case "imageHref": image.child(named: "href")
        default: image.child(named: name)
        }
    }
}

/// One image as a table row or a page header: names, platform, counts, change since the last run.
final class ImageRowView: TemplateView, Sendable {
    let fields: [String: Escaped]
    let boxes: [SeverityBoxView]
    let changeLevel: Escaped
    /// Base image, recommended fixes and policies (`partials/base*.mustache`).
    let base: BaseImageView

    init(_ index: Int, fleet: FleetIndex, depth: Int, escape: Escaper) {
        let entry = fleet.images[index]
        let image = entry.report
        let counts = entry.counts
        boxes = SeverityBoxView.boxes(counts)
        let repositoryStatus = fleet.repositories[entry.repository].status
        let platform = image.sbom.metadata.platform?.description ?? "unknown"
        let os = image.sbom.os?.prettyName ?? image.sbom.os?.display ?? "unknown"
        let change = Change(image.trend)
        changeLevel = Escaped(trusted: change.level)
        base = BaseImageView(image: image, escape: escape)
        fields = [
            "name": escape(image.displayName),
            "repository": escape(image.repository ?? image.displayName),
            "tag": escape(image.tags.first ?? "untagged"),
            "tags": escape(image.tags.isEmpty ? "none (no tag points here any more)" : image.tags.joined(separator: ", ")),
            "shortDigest": escape(image.digest.shortDigest),
            "digest": escape(image.digest),
            "os": escape(os),
            "platform": escape(platform),
            "osPlatform": escape("\(os) · \(platform)"),
            "packageCount": Escaped(image.sbom.packages.count),
            "critical": Escaped(counts.critical),
            "high": Escaped(counts.high),
            "medium": Escaped(counts.medium),
            "low": Escaped(counts.low),
            "unspecified": Escaped(counts.unspecified),
            "total": Escaped(counts.total),
            "severityKey": SeverityBoxView.sortKey(counts),
            "lastAnalysed": escape(Format.time(repositoryStatus?.lastAnalysed)),
            "lastAnalysedRaw": escape(repositoryStatus?.lastAnalysed ?? ""),
            "firstSeen": escape(Format.time(image.firstSeen)),
            "firstSeenRaw": escape(image.firstSeen ?? ""),
            "created": escape(Format.time(image.sbom.metadata.created)),
            "createdRaw": escape(image.sbom.metadata.created ?? ""),
            "seen": escape(Format.time(entry.seen)),
            "seenRaw": escape(entry.seen),
            "baseImage": escape(image.base?.base.reference.displayName ?? image.baseImage ?? "—"),
            "healthGrade": escape(image.policies?.grade ?? "—"),
            "change": escape(change.text),
            "changeKey": Escaped(trusted: String(change.key)),
            "href": Escaped(trusted: Format.root(depth: depth) + entry.stem + (escape.isHTML ? ".html" : ".md")),
            "markdownHref": Escaped(trusted: Format.root(depth: depth) + entry.stem + ".md"),
        ]
    }

    func child(named name: String) -> Any? {
        switch name {
        case "boxes": boxes
        case "changeLevel": changeLevel
        case "base": base
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
