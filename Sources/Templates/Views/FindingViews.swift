import Mustache
import ScoutModel

/// The vulnerabilities of one source package (`openssl 1.1.1d-r3`), as Scout lists them.
struct PackageGroupView: MustacheParent {
    var name: String
    var version: String
    var type: String
    var purl: String
    /// The binary packages of the group: `libcrypto1.1, libssl1.1`.
    var binaries: String
    var anchor: String
    var boxes: [SeverityBoxView]
    var findings: [FindingView]
    var vulnerabilityCount: String

    init(_ group: PackageFindings, position: Int, escape: Escaper, markdownDetails: Bool) {
        name = escape(group.name)
        version = escape(group.version)
        type = escape(group.type.rawValue)
        purl = escape(group.purl)
        binaries = escape(group.packages.map(\.name).joined(separator: ", "))
        anchor = "pkg-\(position + 1)"
        boxes = SeverityBoxView.boxes(group.counts)
        findings = group.findings.map { FindingView($0, escape: escape, markdownDetails: markdownDetails) }
        vulnerabilityCount = String(group.findings.count)
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
        default: nil
        }
    }
}

/// One vulnerability of a package group.
struct FindingView: MustacheParent {
    var id: String
    var severity: SeverityBoxView
    var severityLabel: String
    var score: String?
    var vector: String?
    var severitySource: String?
    var affectedRange: String
    var fixed: String
    var isFixed: Bool
    var aliases: String?
    var summary: String?
    /// HTML from `MarkdownHTML` (already safe), or the escaped text for Markdown pages.
    var details: String?
    var references: [ReferenceView]
    /// EPSS, KEV, new-since-last-run and first-seen facts (`FindingFeedFields`).
    var feeds: [String: Any]

    init(_ finding: Finding, escape: Escaper, markdownDetails: Bool) {
        feeds = FindingFeedFields.make(finding, escape: escape)
        id = escape(finding.vulnerabilityID)
        severity = SeverityBoxView(severity: finding.severity, count: 0)
        severityLabel = finding.severity.rawValue.capitalized
        score = finding.cvssScore.map(Format.score)
        vector = finding.cvssVector.map(escape)
        severitySource = finding.severitySource.map(escape)
        affectedRange = escape(finding.affectedRange)
        fixed = escape(finding.fixedVersionDisplay)
        isFixed = !finding.fixedVersions.isEmpty
        aliases = finding.aliases.isEmpty ? nil : escape(finding.aliases.joined(separator: ", "))
        summary = finding.summary.flatMap { $0.isEmpty ? nil : escape($0) }
        if let text = finding.details, !text.trimmingSpaces.isEmpty {
            details = markdownDetails ? MarkdownHTML.render(text) : escape(text)
        }
        references = finding.references.sorted().map { ReferenceView($0, escape: escape) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "severity": severity
        case "severityLabel": severityLabel
        case "level": severity.level
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
        default: feeds[name]
        }
    }
}

/// A reference: a link when it is an http(s) URL, plain text otherwise.
struct ReferenceView: MustacheParent {
    var text: String
    var url: String?

    init(_ reference: String, escape: Escaper) {
        text = escape(reference)
        url = Escape.webURL(reference).map(escape)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "url": url
        default: nil
        }
    }
}
