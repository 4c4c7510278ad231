
import ScoutModel

/// The vulnerabilities of one source package (`openssl 1.1.1d-r3`), as Scout lists them.
final class PackageGroupView: TemplateView {
    let name: Escaped
    let version: Escaped
    let type: Escaped
    let purl: Escaped
    /// The binary packages of the group: `libcrypto1.1, libssl1.1`.
    let binaries: Escaped
    let anchor: Escaped
    let boxes: [SeverityBoxView]
    /// The findings rendered through `partials/finding` (or `finding.md`).
    let findings: Escaped
    let vulnerabilityCount: Escaped
    let level: Escaped

    init(_ group: PackageFindings, position: Int, depth: Int, context: RenderContext, escape: Escaper) {
        name = escape(group.name)
        version = escape(group.version)
        type = escape(group.type.rawValue)
        purl = escape(group.purl)
        binaries = escape(group.packages.map(\.name).joined(separator: ", "))
        anchor = Escaped(trusted: "pkg-\(position + 1)")
        boxes = SeverityBoxView.boxes(group.counts)
        level = Escaped(trusted: group.worst.rawValue)
        let template = escape.isHTML ? "partials/finding" : "partials/finding.md"
        var text = ""
        for finding in group.findings {
            text += context.render(FindingView(finding, depth: depth, context: context, escape: escape), template)
        }
        findings = Escaped(trusted: text)
        vulnerabilityCount = Escaped(group.findings.count)
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
    let id: Escaped
    let href: Escaped?
    let level: Escaped
    let severityLabel: Escaped
    let package: Escaped
    let packageVersion: Escaped
    let score: Escaped?
    let vector: Escaped?
    let severitySource: Escaped?
    let affectedRange: Escaped
    let fixed: Escaped
    let isFixed: Bool
    let aliases: Escaped?
    let summary: Escaped?
    /// HTML from `MarkdownHTML` (safe mode), or the escaped text on Markdown pages.
    let details: Escaped?
    let references: [ReferenceView]
    let kev: Escaped?
    let epss: Escaped?
    let firstSeen: Escaped?
    let isNew: Bool
    let suppression: Escaped?

    init(_ finding: Finding, depth: Int, context: RenderContext, escape: Escaper) {
        id = escape(finding.vulnerabilityID)
        href = escape.isHTML ? context.vulnerabilityStems[finding.vulnerabilityID].map {
            Escaped(trusted: Format.root(depth: depth) + $0 + ".html")
        } : nil
        level = Escaped(trusted: finding.severity.rawValue)
        severityLabel = Escaped(trusted: Format.label(finding.severity))
        package = escape(finding.package.name)
        packageVersion = escape(finding.package.version)
        score = finding.cvssScore.map { Escaped(trusted: Format.score($0)) }
        vector = escape.optional(finding.cvssVector)
        severitySource = escape.optional(finding.severitySource)
        affectedRange = escape(finding.affectedRange)
        fixed = escape(finding.fixedVersionDisplay)
        isFixed = !finding.fixedVersions.isEmpty
        aliases = finding.aliases.isEmpty ? nil : escape(finding.aliases.joined(separator: ", "))
        summary = finding.summary.flatMap { $0.trimmingSpaces.isEmpty ? nil : escape($0) }
        if let text = finding.details, !text.trimmingSpaces.isEmpty {
            details = escape.isHTML ? context.markdownHTML(text) : escape(text)
        } else {
            details = nil
        }
        references = finding.references.sorted().map { ReferenceView($0, escape: escape) }
        kev = finding.kev.map { entry in
            var parts = ["Listed by CISA"]
            if let added = entry.dateAdded { parts[0] += " on \(added)" }
            if let due = entry.dueDate { parts.append("remediation due \(due)") }
            if entry.knownRansomwareCampaignUse == "Known" { parts.append("used in ransomware campaigns") }
            if let action = entry.requiredAction, !action.isEmpty { parts.append(action) }
            return escape(parts.joined(separator: "; "))
        }
        epss = finding.epss.map { escape("\($0.scoreDisplay) (\($0.percentileDisplay))") }
        firstSeen = finding.firstSeen.map { escape(Format.time($0)) }
        isNew = finding.isNew
        suppression = finding.suppression.map { escape($0.display) }
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
    let text: Escaped
    let url: Escaped?

    init(_ reference: String, escape: Escaper) {
        text = escape(reference)
        url = Escape.webURL(reference).map { escape($0) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "url": url
        default: nil
        }
    }
}
