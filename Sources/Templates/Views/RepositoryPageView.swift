
import ScoutModel

/// A repository's page: its images (digests) over time, the tag history, comparisons of its tags.
final class RepositoryPageView: TemplateView {
    let page: PageContext
    let fields: [String: Text]
    let images: [ImageRowView]
    let history: [TagHistoryView]
    let comparisons: [ComparisonLinkView]
    let trend: Markup?
    let warnings: [WarningView]

    init(_ position: Int, comparisons pairs: [Int], context: RenderContext, format: PageFormat) {
        let fleet = context.fleet
        let repository = fleet.repositories[position]
        let depth = PageContext.depth(of: repository.stem)
        page = PageContext(context: context, pageTitle: repository.name, depth: depth, tab: .images, format: format)
        let status = repository.status
        fields = [
            "name": Text(repository.name),
            "source": Text(status?.source ?? fleet.images[repository.images.first ?? 0].report.source),
            "state": Text(status == nil ? "Not configured" : status!.enabled ? "Enabled" : "Disabled"),
            "imageCount": Text(repository.images.count),
        ]
        images = repository.images.map { context.imageRow($0, depth: depth, format: format) }
        var digestHref: [String: String] = [:]
        for index in repository.images {
            digestHref[fleet.images[index].report.digest] = Format.root(depth: depth) + fleet.images[index].stem + ".html"
        }
        history = repository.history.map { TagHistoryView($0, href: digestHref[$0.digest]) }
        comparisons = pairs.map { ComparisonLinkView(context.comparisons[$0], diff: context.diffSummary($0), context: context, depth: depth) }
        trend = repository.latest.flatMap { latest in
            let points = fleet.images[latest].report.trend
            return points.isEmpty ? nil : Markup(trusted: TrendChart.svg(
                points: TrendChart.changes(points), title: "Vulnerabilities of the newest image each time they changed"))
        }
        warnings = WarningView.list(status?.warnings ?? [])
    }

    func child(named name: String) -> Any? {
        switch name {
        case "images": images
        case "history": history
        case "hasHistory": !history.isEmpty
        case "comparisons": comparisons
        case "hasComparisons": !comparisons.isEmpty
        case "trend": trend
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// `repository:tag` pointed at a digest from a time on.
final class TagHistoryView: TemplateView {
    let tag: Text
    let digest: Text
    let shortDigest: Text
    let seen: Text
    let seenRaw: Text
    let isCurrent: Bool
    let until: Text?
    let href: Text?

    init(_ record: TagRecord, href: String?) {
        until = record.until.map { Text(Format.time($0)) }
        tag = Text(record.tag)
        digest = Text(record.digest)
        shortDigest = Text(record.digest.shortDigest)
        seen = Text(Format.time(record.since))
        seenRaw = Text(record.since)
        isCurrent = record.isCurrent
        self.href = href.map { Text($0) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "tag": tag
        case "digest": digest
        case "shortDigest": shortDigest
        case "seen": seen
        case "seenRaw": seenRaw
        case "isCurrent": isCurrent
        case "until": until
        case "href": href
        default: nil
        }
    }
}

/// Two images of one repository to compare: `older` → `newer` (image indexes), and the page's path.
struct ComparisonPair: Sendable {
    let repository: Int
    let older: Int
    let newer: Int
    /// `repositories/library-alpine/compare-af341ccd2df8-a187dde48cd2`, without extension.
    let stem: String

    /// Every pair for repositories of up to `allPairsLimit` images, consecutive images otherwise.
    static func pairs(_ fleet: FleetIndex, allPairsLimit: Int = 6) -> [ComparisonPair] {
        var result: [ComparisonPair] = []
        for (position, repository) in fleet.repositories.enumerated() {
            let images = repository.images   // newest first
            guard images.count >= 2 else { continue }
            var slugs = SlugAllocator()
            var pairs: [(Int, Int)] = []
            if images.count <= allPairsLimit {
                for newer in 0..<images.count { for older in (newer + 1)..<images.count { pairs.append((images[older], images[newer])) } }
            } else {
                for newer in 0..<(images.count - 1) { pairs.append((images[newer + 1], images[newer])) }
            }
            for (older, newer) in pairs {
                let name = "compare-\(ImagePageView.fileName(fleet.images[older].stem))-\(ImagePageView.fileName(fleet.images[newer].stem))"
                result.append(ComparisonPair(repository: position, older: older, newer: newer,
                                             stem: repository.stem + "/" + slugs.allocate(name, fallback: "compare")))
            }
        }
        return result
    }
}

/// A link to a comparison from its repository page.
final class ComparisonLinkView: TemplateView {
    let older: Text
    let newer: Text
    let href: Text
    let summary: Text

    init(_ pair: ComparisonPair, diff: ImageDiff.Summary, context: RenderContext, depth: Int) {
        let a = context.fleet.images[pair.older], b = context.fleet.images[pair.newer]
        older = Text(Self.label(a.report))
        newer = Text(Self.label(b.report))
        href = Text(Format.root(depth: depth) + pair.stem + ".html")
        summary = Text("\(diff.addedVulnerabilities) vulnerabilities added, \(diff.fixedVulnerabilities) fixed; "
            + "\(diff.addedPackages) packages added, \(diff.removedPackages) removed, \(diff.changedPackages) changed")
    }

    /// `3.11 (a187dde48cd2)` or the short digest alone.
    static func label(_ image: ImageReport) -> String {
        image.tags.isEmpty ? image.digest.shortDigest : "\(image.tags.joined(separator: ", ")) (\(image.digest.shortDigest))"
    }

    func child(named name: String) -> Any? {
        switch name {
        case "older": older
        case "newer": newer
        case "href": href
        case "summary": summary
        default: nil
        }
    }
}
