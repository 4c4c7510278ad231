
import ScoutModel

/// The vulnerabilities of one source package (`openssl 1.1.1d-r3`), as Scout lists them.
final class PackageGroupView: TemplateView {
    let name: Text
    let version: Text
    let type: Text
    let purl: Text
    /// The binary packages of the group: `libcrypto1.1, libssl1.1`.
    let binaries: Text
    let anchor: Text
    let boxes: [SeverityBoxView]
    /// The findings rendered through `partials/finding` (or `finding.md`).
    let findings: Markup
    let vulnerabilityCount: Text
    let level: Text

    init(_ group: PackageFindings, position: Int, depth: Int, context: RenderContext, format: PageFormat) {
        name = Text(group.name)
        version = Text(group.version)
        type = Text(group.type.rawValue)
        purl = Text(group.purl)
        binaries = Text(group.packages.map(\.name).joined(separator: ", "))
        anchor = Text("pkg-\(position + 1)")
        boxes = SeverityBoxView.boxes(group.counts)
        level = Text(group.worst.rawValue)
        let template = format.isHTML ? "partials/finding" : "partials/finding.md"
        var text = ""
        for finding in group.findings {
            text += context.render(FindingView(finding, depth: depth, context: context, format: format), template)
        }
        findings = Markup(trusted: text)
        vulnerabilityCount = Text(group.findings.count)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "version": version
        case "type": type
        case "purl": purl
        case "binaries": binaries
        case "anchor": anchor
        case "boxes": boxes
        case "findings": findings
        case "vulnerabilityCount": vulnerabilityCount
        case "level": level
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
        references = finding.references.sorted().map { ReferenceView($0, format: format) }
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
        default: nil
        }
    }
}

/// A reference: a link when it is an http(s) URL, plain text otherwise.
final class ReferenceView: TemplateView {
    let text: Text
    let url: Text?

    init(_ reference: String, format: PageFormat) {
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
