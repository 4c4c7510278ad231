
import ScoutModel

/// The settings page: repositories and advisory sources.
final class SettingsView: TemplateView {
    let page: PageContext
    let repositories: [RepositoryView]
    let sources: [AdvisorySourceView]

    init(context: RenderContext, escape: Escaper) {
        let snapshot = context.fleet.snapshot
        page = PageContext(snapshot: snapshot, pageTitle: "Settings", depth: 0, tab: .settings, escape: escape)
        var pages: [String: String] = [:]
        for repository in context.fleet.repositories where !repository.images.isEmpty { pages[repository.name] = repository.stem + ".html" }
        repositories = snapshot.repositories.sorted { $0.name < $1.name }.map { RepositoryView($0, href: pages[$0.name], escape: escape) }
        sources = snapshot.advisorySources.sorted { $0.name < $1.name }.map { AdvisorySourceView($0, escape: escape) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "repositories": repositories
        case "hasRepositories": !repositories.isEmpty
        case "enabledCount": Escaped(repositories.filter(\.enabled).count)
        case "repositoryCount": Escaped(repositories.count)
        case "sources": sources
        case "hasSources": !sources.isEmpty
        default: page.child(named: name)
        }
    }
}

/// One configured (or discovered) repository.
final class RepositoryView: TemplateView {
    let name: Escaped
    let enabled: Bool
    let source: Escaped
    let lastAnalysed: Escaped
    let lastAnalysedRaw: Escaped
    let imageCount: Escaped
    let href: Escaped?
    let warnings: [WarningView]

    init(_ repository: RepositoryStatus, href: String?, escape: Escaper) {
        name = escape(repository.name)
        enabled = repository.enabled
        source = escape(repository.source)
        lastAnalysed = escape(Format.time(repository.lastAnalysed))
        lastAnalysedRaw = escape(repository.lastAnalysed ?? "")
        imageCount = Escaped(repository.imageCount)
        self.href = href.map { Escaped(trusted: $0) }
        warnings = WarningView.list(repository.warnings, escape: escape)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "enabled": enabled
        case "source": source
        case "lastAnalysed": lastAnalysed
        case "lastAnalysedRaw": lastAnalysedRaw
        case "imageCount": imageCount
        case "href": href
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        default: nil
        }
    }
}

/// One advisory source and its last import.
final class AdvisorySourceView: TemplateView {
    let name: Escaped
    let kind: Escaped
    let records: Escaped
    let importedAt: Escaped
    let importedAtRaw: Escaped
    let warnings: [WarningView]

    init(_ source: AdvisorySourceStatus, escape: Escaper) {
        name = escape(source.name)
        kind = escape(source.kind)
        records = Escaped(source.records)
        importedAt = escape(Format.time(source.importedAt))
        importedAtRaw = escape(source.importedAt ?? "")
        warnings = WarningView.list(source.warnings, escape: escape)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "kind": kind
        case "records": records
        case "importedAt": importedAt
        case "importedAtRaw": importedAtRaw
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        case "warningCount": Escaped(warnings.count)
        default: nil
        }
    }
}
