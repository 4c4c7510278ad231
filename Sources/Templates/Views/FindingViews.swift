
import ScoutModel

/// The vulnerabilities of one source package (`openssl 1.1.1d-r3`), as Scout lists them.
final class PackageGroupView: TemplateView {
    let name: Text
    let version: Text
    let type: Text
    let purl: Text
    /// The binary packages of the group: `libcrypto1.1, libssl1.1`.
    let binaries: Text
    let boxes: Markup
    /// The findings rendered through `partials/finding` (or `finding.md`), each shared with the cache.
    let findingBlocks: [String]
    let vulnerabilityCount: Text
    let level: Text
    let format: PageFormat

    init(_ group: PackageFindings, depth: Int, context: RenderContext, format: PageFormat) {
        name = Text(group.name)
        version = Text(group.version)
        type = Text(group.type.rawValue)
        purl = Text(group.purl)
        binaries = Text(group.packages.map(\.name).joined(separator: ", "))
        boxes = context.boxes(group.counts)
        level = Text(group.worst.rawValue)
        findingBlocks = group.findings.map { context.findingBlock($0, depth: depth, format: format) }
        vulnerabilityCount = Text(group.findings.count)
        self.format = format
    }

    /// Everything the group's partial can print: equal keys render the same block.
    struct Key: Hashable, Sendable {
        let text: [String]
        let boxes: Markup
        let findings: [String]
        let format: PageFormat

        /// Hashes the group's names and the number of findings (not their long blocks); `==` still
        /// compares every block.
        func hash(into hasher: inout Hasher) {
            hasher.combine(text)
            hasher.combine(findings.count)
            hasher.combine(format.isHTML)
        }
    }

    var key: Key {
        Key(text: [name.raw, version.raw, type.raw, purl.raw, binaries.raw, vulnerabilityCount.raw, level.raw], boxes: boxes, findings: findingBlocks,
            format: format)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "version": version
        case "type": type
        case "purl": purl
        case "binaries": binaries
        case "boxes": boxes
        case "findings": Markup(trusted: findingBlocks.joined())
        case "vulnerabilityCount": vulnerabilityCount
        case "level": level
        default: nil
        }
    }
}

/// A package group on an image page: its position's anchor and its block, rendered once per distinct
/// group through `partials/package-group` (or `.md`).
final class PackageGroupItem: TemplateView {
    let anchor: Text
    let block: Markup

    init(_ group: PackageFindings, position: Int, depth: Int, context: RenderContext, format: PageFormat) {
        anchor = Text("pkg-\(position + 1)")
        block = context.packageGroup(PackageGroupView(group, depth: depth, context: context, format: format))
    }

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "block": block
        default: nil
        }
    }
}

/// One vulnerability of one package: the expandable block of an image page, a row of its Markdown.
final class FindingView: TemplateView {
    let id: Text
    let href: Text?
    let level: Text
    let severityLabel: Text
    let package: Text
    let packageVersion: Text
    let score: Text?
    let vector: Text?
    let severitySource: Text?
    let affectedRange: Text
    let fixed: Text
    let isFixed: Bool
    let aliases: Text?
    let summary: Text?
    /// HTML from `MarkdownHTML` (safe mode); Markdown pages leave the details out.
    let details: Markup?
    let references: [ReferenceView]
    let kev: Text?
    let epss: Text?
    let firstSeen: Text?
    let isNew: Bool
    let suppression: Text?
    /// The summary cut at a word with `…` (or the fallback when the advisory has none), for the one-line view.
    let shortSummary: Text
    /// NVD's page for a CVE, OSV's for other ids: the Markdown pages link ids there.
    let advisoryURL: Text
    /// `EPSS 0.12%` on the one-line view.
    let epssShort: Text?
    let packageHref: Text?
    /// `2022-08-04`: when the vulnerability was published, when a source says.
    let published: Text?

    init(_ finding: Finding, depth: Int, context: RenderContext, format: PageFormat) {
        id = Text(finding.vulnerabilityID)
        href = format.isHTML ? context.vulnerabilityStems[finding.vulnerabilityID].map {
            Text(Format.root(depth: depth) + $0 + ".html")
        } : nil
        level = Text(finding.severity.rawValue)
        severityLabel = Text(Format.label(finding.severity))
        package = Text(finding.package.name)
        packageVersion = Text(finding.package.version)
        score = finding.cvssScore.map { Text(Format.score($0)) }
        vector = Text.optional(finding.cvssVector)
        severitySource = Text.optional(finding.severitySource)
        affectedRange = Text(finding.affectedRange)
        fixed = Text(finding.fixedVersionDisplay)
        isFixed = !finding.fixedVersions.isEmpty
        aliases = finding.aliases.isEmpty ? nil : Text(finding.aliases.joined(separator: ", "))
        summary = finding.summary.flatMap { $0.trimmingSpaces.isEmpty ? nil : Text($0) }
        if let text = finding.details, !text.trimmingSpaces.isEmpty {
            details = format.isHTML ? context.markdownHTML(text) : nil
        } else {
            details = nil
        }
        references = finding.references.sorted().map { ReferenceView($0) }
        kev = finding.kev.map { entry in
            var parts = ["Listed by CISA"]
            if let added = entry.dateAdded { parts[0] += " on \(added)" }
            if let due = entry.dueDate { parts.append("remediation due \(due)") }
            if entry.knownRansomwareCampaignUse == "Known" { parts.append("used in ransomware campaigns") }
            if let action = entry.requiredAction, !action.isEmpty { parts.append(action) }
            return Text(parts.joined(separator: "; "))
        }
        epss = finding.epss.map { Text("\($0.scoreDisplay) (\($0.percentileDisplay))") }
        firstSeen = finding.firstSeen.map { Text(Format.time($0)) }
        isNew = finding.isNew
        suppression = finding.suppression.map { Text($0.display) }
        advisoryURL = Text(Format.advisoryURL(finding.vulnerabilityID))
        shortSummary = Text(Format.summaryLine(summary: finding.summary, details: finding.details))
        epssShort = finding.epss.map { Text("EPSS \($0.scoreDisplay)") }
        packageHref = format.isHTML ? context.packageStems[RenderContext.PackageName(type: finding.package.type, name: finding.package.name)].map {
            Text(Format.root(depth: depth) + $0 + ".html")
        } : nil
        published = finding.published.map { Text(PublicationDate.day($0)) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "href": href
        case "level": level
        case "severityLabel": severityLabel
        case "package": package
        case "packageVersion": packageVersion
        case "score": score
        case "vector": vector
        case "hasCVSS": score != nil || vector != nil
        case "severitySource": severitySource
        case "affectedRange": affectedRange
        case "fixed": fixed
        case "isFixed": isFixed
        case "aliases": aliases
        case "summary": summary
        case "details": details
        case "references": references
        case "hasReferences": !references.isEmpty
        case "kev": kev
        case "epss": epss
        case "firstSeen": firstSeen
        case "isNew": isNew
        case "suppression": suppression
        case "shortSummary": shortSummary
        case "advisoryURL": advisoryURL
        case "epssShort": epssShort
        case "packageHref": packageHref
        case "published": published
        default: nil
        }
    }
}

/// A reference: a link when it is an http(s) URL, plain text otherwise.
final class ReferenceView: TemplateView {
    let text: Text
    let url: Text?

    init(_ reference: String) {
        text = Text(reference)
        url = Escape.webURL(reference).map { Text($0) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "url": url
        default: nil
        }
    }
}
