
import ScoutModel

/// The comparison of two images of one repository.
final class ComparisonView: TemplateView {
    let page: PageContext
    let older: ImageRowView
    let newer: ImageRowView
    let fields: [String: Text]
    let added: [PackageChangeView]
    let removed: [PackageChangeView]
    let changed: [PackageChangeView]
    /// Rows of `partials/diff-finding`, each rendered once per distinct row.
    let addedVulnerabilityRows: Markup
    let fixedVulnerabilityRows: Markup
    let hasAddedVulnerabilities: Bool
    let hasFixedVulnerabilities: Bool

    init(_ position: Int, context: RenderContext, format: PageFormat) {
        let pair = context.comparisons[position]
        let diff = context.diffs[position]
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
        added = diff.addedPackages.map { PackageChangeView($0) }
        removed = diff.removedPackages.map { PackageChangeView($0) }
        changed = diff.changedPackages.map { PackageChangeView($0) }
        addedVulnerabilityRows = Markup(trusted: diff.addedVulnerabilities.map { context.diffFindingRow($0, depth: depth) }.joined())
        fixedVulnerabilityRows = Markup(trusted: diff.fixedVulnerabilities.map { context.diffFindingRow($0, depth: depth) }.joined())
        hasAddedVulnerabilities = diff.addedVulnerabilityCount > 0
        hasFixedVulnerabilities = diff.fixedVulnerabilityCount > 0
    }

    func child(named name: String) -> Any? {
        switch name {
        case "older": older
        case "newer": newer
        case "added": added
        case "hasAdded": !added.isEmpty
        case "removed": removed
        case "hasRemoved": !removed.isEmpty
        case "changed": changed
        case "hasChanged": !changed.isEmpty
        case "addedVulnerabilityRows": addedVulnerabilityRows
        case "hasAddedVulnerabilities": hasAddedVulnerabilities
        case "fixedVulnerabilityRows": fixedVulnerabilityRows
        case "hasFixedVulnerabilities": hasFixedVulnerabilities
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// A package added, removed or changed between two images.
final class PackageChangeView: TemplateView {
    let type: Text
    let name: Text
    let before: Text
    let after: Text

    init(_ change: ImageDiff.PackageChange) {
        type = Text(change.type.rawValue)
        name = Text(change.name)
        before = Text(change.before.isEmpty ? "—" : change.before.joined(separator: ", "))
        after = Text(change.after.isEmpty ? "—" : change.after.joined(separator: ", "))
    }

    func child(named name: String) -> Any? {
        switch name {
        case "type": type
        case "name": self.name
        case "before": before
        case "after": after
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
