
import ScoutModel

/// The comparison of two images of one repository.
final class ComparisonView: TemplateView {
    let page: PageContext
    let older: ImageRowView
    let newer: ImageRowView
    let fields: [String: Text]
    /// Rows of `partials/package-change`, each rendered once per distinct row: a fleet's comparisons
    /// list the same base-image packages over and over.
    let addedRows: Markup
    let removedRows: Markup
    let changedRows: Markup
    let hasAdded: Bool
    let hasRemoved: Bool
    let hasChanged: Bool
    /// Rows of `partials/diff-finding`, each rendered once per distinct row.
    let addedVulnerabilityRows: Markup
    let fixedVulnerabilityRows: Markup
    let hasAddedVulnerabilities: Bool
    let hasFixedVulnerabilities: Bool

    init(_ position: Int, context: RenderContext, format: PageFormat) {
        let pair = context.comparisons[position]
        let diff = RenderContext.diff(pair, in: context.fleet)
        let fleet = context.fleet
        let depth = PageContext.depth(of: pair.stem)
        let repository = fleet.repositories[pair.repository]
        let a = fleet.images[pair.older].report, b = fleet.images[pair.newer].report
        page = PageContext(context: context, pageTitle: "\(repository.name): \(ComparisonLinkView.label(a)) → \(ComparisonLinkView.label(b))",
                           depth: depth, tab: .images, format: format)
        older = context.imageRow(pair.older, depth: depth, format: format)
        newer = context.imageRow(pair.newer, depth: depth, format: format)
        fields = [
            "repositoryName": Text(repository.name),
            "repositoryHref": Text(Format.root(depth: depth) + repository.stem + ".html"),
            "olderLabel": Text(ComparisonLinkView.label(a)),
            "newerLabel": Text(ComparisonLinkView.label(b)),
            "addedCount": Text(diff.addedPackages.count),
            "removedCount": Text(diff.removedPackages.count),
            "changedCount": Text(diff.changedPackages.count),
            "addedVulnerabilityCount": Text(diff.addedVulnerabilityCount),
            "fixedVulnerabilityCount": Text(diff.fixedVulnerabilityCount),
        ]
        addedRows = Markup(trusted: diff.addedPackages.map { context.packageChangeRow($0, kind: .added) }.joined())
        removedRows = Markup(trusted: diff.removedPackages.map { context.packageChangeRow($0, kind: .removed) }.joined())
        changedRows = Markup(trusted: diff.changedPackages.map { context.packageChangeRow($0, kind: .changed) }.joined())
        hasAdded = !diff.addedPackages.isEmpty
        hasRemoved = !diff.removedPackages.isEmpty
        hasChanged = !diff.changedPackages.isEmpty
        addedVulnerabilityRows = Markup(trusted: diff.addedVulnerabilities.map { context.diffFindingRow($0, depth: depth) }.joined())
        fixedVulnerabilityRows = Markup(trusted: diff.fixedVulnerabilities.map { context.diffFindingRow($0, depth: depth) }.joined())
        hasAddedVulnerabilities = diff.addedVulnerabilityCount > 0
        hasFixedVulnerabilities = diff.fixedVulnerabilityCount > 0
    }

    func child(named name: String) -> Any? {
        switch name {
        case "older": older
        case "newer": newer
        case "addedRows": addedRows
        case "hasAdded": hasAdded
        case "removedRows": removedRows
        case "hasRemoved": hasRemoved
        case "changedRows": changedRows
        case "hasChanged": hasChanged
        case "addedVulnerabilityRows": addedVulnerabilityRows
        case "hasAddedVulnerabilities": hasAddedVulnerabilities
        case "fixedVulnerabilityRows": fixedVulnerabilityRows
        case "hasFixedVulnerabilities": hasFixedVulnerabilities
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// A package added, removed or changed between two images: a row of `partials/package-change`.
final class PackageChangeView: TemplateView {
    /// Which table the row is in: changed rows show both versions, the others one.
    enum Kind: Sendable, Hashable { case added, removed, changed }

    struct Key: Hashable, Sendable {
        let kind: Kind
        let type: PackageType
        let name: String
        let before: String
        let after: String

        init(_ change: ImageDiff.PackageChange, kind: Kind) {
            self.kind = kind
            type = change.type
            name = change.name
            before = change.before.isEmpty ? "—" : change.before.joined(separator: ", ")
            after = change.after.isEmpty ? "—" : change.after.joined(separator: ", ")
        }
    }

    let key: Key

    init(_ key: Key) { self.key = key }

    func child(named name: String) -> Any? {
        switch name {
        case "type": Text(key.type.rawValue)
        case "name": Text(key.name)
        case "before": Text(key.before)
        case "after": Text(key.after)
        case "showBefore": key.kind != .added
        case "showAfter": key.kind != .removed
        default: nil
        }
    }
}

/// A vulnerability added or fixed between two images.
final class DiffFindingView: TemplateView {
    let id: Text
    let href: Text?
    let level: Text
    let severityLabel: Text
    let package: Text
    let fixed: Text

    init(_ finding: Finding, depth: Int, context: RenderContext) {
        id = Text(finding.vulnerabilityID)
        href = context.vulnerabilityStems[finding.vulnerabilityID].map { Text(Format.root(depth: depth) + $0 + ".html") }
        level = Text(finding.severity.rawValue)
        severityLabel = Text(Format.label(finding.severity))
        package = Text("\(finding.package.matchName) \(finding.package.matchVersion)")
        fixed = Text(finding.fixedVersionDisplay)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "href": href
        case "level": level
        case "severityLabel": severityLabel
        case "package": package
        case "fixed": fixed
        default: nil
        }
    }
}
