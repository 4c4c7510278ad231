import Mustache
import ScoutModel

/// The Images tab (`index.html`) and the fleet summary (`README.md`).
struct IndexView: MustacheParent {
    var page: PageContext
    var images: [ImageRowView]
    var totals: [SeverityBoxView]
    var imageCount: String
    var repositoryCount: String

    init(snapshot: FleetSnapshot, images: [ImageRowView], escape: Escaper) {
        page = PageContext(snapshot: snapshot, pageTitle: "Images", depth: 0, tab: .images, escape: escape)
        self.images = images
        var counts = SeverityCounts()
        for row in images { for severity in Severity.allCases { counts[severity] += row.counts[severity] } }
        totals = SeverityBoxView.boxes(counts)
        imageCount = String(images.count)
        repositoryCount = String(snapshot.repositories.count)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "images": images
        case "hasImages": !images.isEmpty
        case "totals": totals
        case "imageCount": imageCount
        case "repositoryCount": repositoryCount
        default: page.child(named: name)
        }
    }
}

/// One image in the fleet table.
struct ImageRowView: MustacheParent {
    var name: String
    var repository: String
    var tag: String
    var tags: String
    var shortDigest: String
    var digest: String
    var os: String
    var platform: String
    var packageCount: String
    var counts: SeverityCounts
    var boxes: [SeverityBoxView]
    /// Sort key for the vulnerability column: worst first.
    var severityKey: String
    var lastAnalysed: String
    var lastAnalysedRaw: String
    var firstSeen: String
    var firstSeenRaw: String
    /// Page links relative to the site root.
    var href: String
    var markdownHref: String
    /// Base image, recommended fixes and policies (`partials/base*.mustache`).
    var base: BaseImageView

    init(image: ImageReport, lastAnalysed: String?, pageStem: String, escape: Escaper) {
        name = escape(image.displayName)
        repository = escape(image.repository ?? image.displayName)
        tag = escape(image.tags.first ?? "—")
        tags = escape(image.tags.isEmpty ? "—" : image.tags.joined(separator: ", "))
        shortDigest = escape(image.digest.shortDigest)
        digest = escape(image.digest)
        os = escape(image.sbom.os?.prettyName ?? image.sbom.os?.display ?? "unknown")
        platform = escape(image.sbom.metadata.platform?.description ?? "unknown")
        packageCount = String(image.sbom.packages.count)
        let counts = image.findings.scoutCounts
        self.counts = counts
        boxes = SeverityBoxView.boxes(counts)
        severityKey = Severity.allCases.map { String(counts[$0] + 100_000).dropFirst() }.joined()
        self.lastAnalysed = escape(Format.time(lastAnalysed))
        lastAnalysedRaw = escape(lastAnalysed ?? "")
        firstSeen = escape(Format.time(image.firstSeen))
        firstSeenRaw = escape(image.firstSeen ?? "")
        href = pageStem + ".html"
        markdownHref = pageStem + ".md"
        base = BaseImageView(image: image, escape: escape)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "repository": repository
        case "tag": tag
        case "tags": tags
        case "shortDigest": shortDigest
        case "digest": digest
        case "os": os
        case "platform": platform
        case "packageCount": packageCount
        case "boxes": boxes
        case "critical": String(counts.critical)
        case "high": String(counts.high)
        case "medium": String(counts.medium)
        case "low": String(counts.low)
        case "unspecified": String(counts.unspecified)
        case "severityKey": severityKey
        case "lastAnalysed": lastAnalysed
        case "lastAnalysedRaw": lastAnalysedRaw
        case "firstSeen": firstSeen
        case "firstSeenRaw": firstSeenRaw
        case "href": href
        case "markdownHref": markdownHref
        case "base": base
        default: nil
        }
    }
}
