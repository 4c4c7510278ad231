import Mustache
import ScoutModel

/// The settings page: repositories and advisory sources.
struct SettingsView: MustacheParent {
    var page: PageContext
    var repositories: [RepositoryView]
    var sources: [AdvisorySourceView]

    init(snapshot: FleetSnapshot, escape: Escaper) {
        page = PageContext(snapshot: snapshot, pageTitle: "Settings", depth: 0, tab: .settings, escape: escape)
        repositories = snapshot.repositories.sorted { $0.name < $1.name }.map { RepositoryView($0, escape: escape) }
        sources = snapshot.advisorySources.sorted { $0.name < $1.name }.map { AdvisorySourceView($0, escape: escape) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "repositories": repositories
        case "hasRepositories": !repositories.isEmpty
        case "enabledCount": String(repositories.filter(\.enabled).count)
        case "repositoryCount": String(repositories.count)
        case "sources": sources
        case "hasSources": !sources.isEmpty
        default: page.child(named: name)
        }
    }
}

/// One configured repository.
struct RepositoryView: MustacheParent {
    var name: String
    var enabled: Bool
    var source: String
    var lastAnalysed: String
    var lastAnalysedRaw: String
    var imageCount: String
    var warnings: [WarningView]

    init(_ repository: RepositoryStatus, escape: Escaper) {
        name = escape(repository.name)
        enabled = repository.enabled
        source = escape(repository.source)
        lastAnalysed = escape(Format.time(repository.lastAnalysed))
        lastAnalysedRaw = escape(repository.lastAnalysed ?? "")
        imageCount = String(repository.imageCount)
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
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        default: nil
        }
    }
}

/// One advisory source and its last import.
struct AdvisorySourceView: MustacheParent {
    var name: String
    var kind: String
    var records: String
    var importedAt: String
    var importedAtRaw: String
    var warnings: [WarningView]

    init(_ source: AdvisorySourceStatus, escape: Escaper) {
        name = escape(source.name)
        kind = escape(source.kind)
        records = String(source.records)
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
        case "warningCount": String(warnings.count)
        default: nil
        }
    }
}
