
import ScoutModel

/// A repository's page: its images (digests) over time, the tag history, comparisons of its tags.
final class RepositoryPageView: TemplateView {
    let page: PageContext
    let fields: [String: Escaped]
    let images: [ImageRowView]
    let history: [TagHistoryView]
    let comparisons: [ComparisonLinkView]
    let trend: Escaped?
    let warnings: [WarningView]

    init(_ position: Int, comparisons pairs: [Int], context: RenderContext, escape: Escaper) {
        let fleet = context.fleet
        let repository = fleet.repositories[position]
        let depth = PageContext.depth(of: repository.stem)
        page = PageContext(snapshot: fleet.snapshot, pageTitle: repository.name, depth: depth, tab: .images, escape: escape)
        let status = repository.status
        fields = [
            "name": escape(repository.name),
            "source": escape(status?.source ?? fleet.images[repository.images.first ?? 0].report.source),
            "state": Escaped(trusted: status == nil ? "Not configured" : status!.enabled ? "Enabled" : "Disabled"),
            "lastAnalysed": escape(Format.time(status?.lastAnalysed)),
            "imageCount": Escaped(repository.images.count),
        ]
        images = repository.images.map { context.imageRow($0, depth: depth, escape: escape) }
        var digestHref: [String: String] = [:]
        for index in repository.images {
            digestHref[fleet.images[index].report.digest] = Format.root(depth: depth) + fleet.images[index].stem + ".html"
        }
        history = repository.history.map { TagHistoryView($0, href: digestHref[$0.digest], escape: escape) }
        comparisons = pairs.map { ComparisonLinkView(context.comparisons[$0], diff: context.diffs[$0], context: context, depth: depth, escape: escape) }
        trend = repository.latest.flatMap { latest in
            let points = fleet.images[latest].report.trend
            return points.isEmpty ? nil : Escaped(trusted: TrendChart.svg(
                points: points.map { ($0.runAt, $0.counts) }, title: "Vulnerabilities of the newest image after each run"))
        }
        warnings = WarningView.list(status?.warnings ?? [], escape: escape)
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
    let tag: Escaped
    let digest: Escaped
    let shortDigest: Escaped
    let seen: Escaped
    let seenRaw: Escaped
    let isCurrent: Bool
    let until: Escaped?
    let href: Escaped?

    init(_ record: TagRecord, href: String?, escape: Escaper) {
        until = record.until.map { escape(Format.time($0)) }
        tag = escape(record.tag)
        digest = escape(record.digest)
        shortDigest = escape(record.digest.shortDigest)
        seen = escape(Format.time(record.since))
        seenRaw = escape(record.since)
        isCurrent = record.isCurrent
        self.href = href.map { Escaped(trusted: $0) }
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
    let older: Escaped
    let newer: Escaped
    let href: Escaped
    let summary: Escaped

    init(_ pair: ComparisonPair, diff: ImageDiff, context: RenderContext, depth: Int, escape: Escaper) {
        let a = context.fleet.images[pair.older], b = context.fleet.images[pair.newer]
        older = escape(Self.label(a.report))
        newer = escape(Self.label(b.report))
        href = Escaped(trusted: Format.root(depth: depth) + pair.stem + ".html")
        summary = escape("\(diff.addedVulnerabilities.count) vulnerabilities added, \(diff.fixedVulnerabilities.count) fixed; "
            + "\(diff.addedPackages.count) packages added, \(diff.removedPackages.count) removed, \(diff.changedPackages.count) changed")
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
