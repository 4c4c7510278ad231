
import ScoutModel

/// The comparison of two images of one repository.
final class ComparisonView: TemplateView {
    let page: PageContext
    let older: ImageRowView
    let newer: ImageRowView
    let fields: [String: Escaped]
    let added: [PackageChangeView]
    let removed: [PackageChangeView]
    let changed: [PackageChangeView]
    let addedVulnerabilities: [DiffFindingView]
    let fixedVulnerabilities: [DiffFindingView]

    init(_ position: Int, context: RenderContext, escape: Escaper) {
        let pair = context.comparisons[position]
        let diff = context.diffs[position]
        let fleet = context.fleet
        let depth = PageContext.depth(of: pair.stem)
        let repository = fleet.repositories[pair.repository]
        let a = fleet.images[pair.older].report, b = fleet.images[pair.newer].report
        page = PageContext(snapshot: fleet.snapshot, pageTitle: "\(repository.name): \(ComparisonLinkView.label(a)) → \(ComparisonLinkView.label(b))",
                           depth: depth, tab: .images, escape: escape)
        older = context.imageRow(pair.older, depth: depth, escape: escape)
        newer = context.imageRow(pair.newer, depth: depth, escape: escape)
        fields = [
            "repositoryName": escape(repository.name),
            "repositoryHref": Escaped(trusted: Format.root(depth: depth) + repository.stem + ".html"),
            "olderLabel": escape(ComparisonLinkView.label(a)),
            "newerLabel": escape(ComparisonLinkView.label(b)),
            "addedCount": Escaped(diff.addedPackages.count),
            "removedCount": Escaped(diff.removedPackages.count),
            "changedCount": Escaped(diff.changedPackages.count),
            "addedVulnerabilityCount": Escaped(diff.addedVulnerabilities.count),
            "fixedVulnerabilityCount": Escaped(diff.fixedVulnerabilities.count),
        ]
        added = diff.addedPackages.map { PackageChangeView($0, escape: escape) }
        removed = diff.removedPackages.map { PackageChangeView($0, escape: escape) }
        changed = diff.changedPackages.map { PackageChangeView($0, escape: escape) }
        addedVulnerabilities = diff.addedVulnerabilities.map { DiffFindingView($0, depth: depth, context: context, escape: escape) }
        fixedVulnerabilities = diff.fixedVulnerabilities.map { DiffFindingView($0, depth: depth, context: context, escape: escape) }
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
        case "addedVulnerabilities": addedVulnerabilities
        case "hasAddedVulnerabilities": !addedVulnerabilities.isEmpty
        case "fixedVulnerabilities": fixedVulnerabilities
        case "hasFixedVulnerabilities": !fixedVulnerabilities.isEmpty
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// A package added, removed or changed between two images.
final class PackageChangeView: TemplateView {
    let type: Escaped
    let name: Escaped
    let before: Escaped
    let after: Escaped

    init(_ change: ImageDiff.PackageChange, escape: Escaper) {
        type = escape(change.type.rawValue)
        name = escape(change.name)
        before = escape(change.before.isEmpty ? "—" : change.before.joined(separator: ", "))
        after = escape(change.after.isEmpty ? "—" : change.after.joined(separator: ", "))
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
    let id: Escaped
    let href: Escaped?
    let level: Escaped
    let severityLabel: Escaped
    let package: Escaped
    let fixed: Escaped

    init(_ finding: Finding, depth: Int, context: RenderContext, escape: Escaper) {
        id = escape(finding.vulnerabilityID)
        href = context.vulnerabilityStems[finding.vulnerabilityID].map { Escaped(trusted: Format.root(depth: depth) + $0 + ".html") }
        level = Escaped(trusted: finding.severity.rawValue)
        severityLabel = Escaped(trusted: Format.label(finding.severity))
        package = escape("\(finding.package.matchName) \(finding.package.matchVersion)")
        fixed = escape(finding.fixedVersionDisplay)
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
