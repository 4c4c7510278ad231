
import ScoutModel

/// The settings page: repositories and advisory sources.
final class SettingsView: TemplateView {
    let page: PageContext
    let repositories: [RepositoryView]
    let sources: [AdvisorySourceView]
    /// Ignore entries and VEX statements to look at again, and webhook deliveries that failed.
    let exceptions: [ExceptionNoteView]
    let deliveryFailures: [WarningView]
    /// What the store keeps (`retention:`).
    let retention: Text

    /// The repositories split into pages of `Pager.rowsPerPage` (`settings.html`, `settings-2.html`, …;
    /// 25,000 repositories at 100,000 images); the later pages hold only their repositories.
    let pager: PagerView
    let repositoryCount: Int
    let enabledCount: Int

    init(context: RenderContext, format: PageFormat, page number: Int = 1) {
        let snapshot = context.fleet.snapshot
        page = PageContext(context: context, pageTitle: "Settings", depth: 0, tab: .settings, format: format)
        var pages: [String: String] = [:]
        for repository in context.fleet.repositories where !repository.images.isEmpty { pages[repository.name] = repository.stem + ".html" }
        let sorted = snapshot.repositories.sorted { $0.name < $1.name }
        let pager = Pager(base: "settings", number: number, rowCount: sorted.count)
        self.pager = PagerView(pager)
        repositoryCount = sorted.count
        enabledCount = sorted.filter(\.enabled).count
        repositories = sorted[pager.rows].map { RepositoryView($0, href: pages[$0.name]) }
        sources = snapshot.advisorySources.sorted { $0.name < $1.name }.map { AdvisorySourceView($0) }
        exceptions = snapshot.exceptionNotes.map(ExceptionNoteView.init)
        deliveryFailures = WarningView.list(snapshot.deliveryFailures)
        retention = Text(snapshot.retention)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "repositories": repositories
        case "hasRepositories": !repositories.isEmpty
        case "enabledCount": Text(enabledCount)
        case "repositoryCount": Text(repositoryCount)
        case "pager": pager
        case "isFirstPage": pager.pager.number == 1
        case "sources": sources
        case "hasSources": !sources.isEmpty
        case "exceptions": exceptions
        case "hasExceptions": !exceptions.isEmpty
        case "deliveryFailures": deliveryFailures
        case "hasDeliveryFailures": !deliveryFailures.isEmpty
        case "retention": retention
        default: page.child(named: name)
        }
    }
}

/// One configured (or discovered) repository.
final class RepositoryView: TemplateView {
    let name: Text
    let enabled: Bool
    let source: Text
    let lastAnalysed: Text
    let lastAnalysedRaw: Text
    let imageCount: Text
    let href: Text?
    let warnings: [WarningView]
    /// The tags analysed (the config's selection or list).
    let tags: Text
    /// Where the state comes from, in words: `scout-report.yml (enabled: false)`, `repo disable (stored)`.
    let origin: Text
    /// The command that changes the state (`scout-report repo enable NAME`), and a line saying why it is the one.
    let command: Text
    let commandWhy: Text
    let baseOnly: Bool

    init(_ repository: RepositoryStatus, href: String?) {
        name = Text(repository.name)
        enabled = repository.enabled
        source = Text(repository.source)
        lastAnalysed = Text(Format.time(repository.lastAnalysed))
        lastAnalysedRaw = Text(repository.lastAnalysed ?? "")
        imageCount = Text(repository.imageCount)
        tags = Text(repository.tagFilter ?? "—")
        self.href = href.map { Text($0) }
        warnings = WarningView.list(repository.warnings)
        let advice = Self.advice(repository)
        origin = Text(advice.origin)
        command = Text(advice.command)
        commandWhy = Text(advice.why)
        baseOnly = repository.baseOnly
    }

    /// Where the state comes from and the command that changes it. The stored state wins over the
    /// config's `enabled:` (the nightly job syncs the config, then applies `repo enable/disable`), so
    /// the command, not the file, is what always works.
    static func advice(_ repository: RepositoryStatus) -> (origin: String, command: String, why: String) {
        let verb = repository.enabled ? "disable" : "enable"
        let command = "scout-report repo \(verb) \(repository.name)"
        let flag = repository.configEnabled.map { "enabled: \($0)" }
        switch repository.stateOrigin {
        case .command?:
            let overrides = flag.map { ", overriding \($0) in scout-report.yml" } ?? ""
            return ("stored by scout-report repo \(repository.enabled ? "enable" : "disable")\(overrides)", command,
                    "The stored state wins over scout-report.yml: editing the file changes nothing until this command is run.")
        case .discovered?:
            return ("found in the registry catalog (not in scout-report.yml)", command, "Stored; no change to scout-report.yml is needed.")
        case .removed?:
            return ("no longer in scout-report.yml", "", "Its history is kept; add it to scout-report.yml to analyse it again.")
        case .config?, nil:
            return ("scout-report.yml" + (flag.map { " (\($0))" } ?? ""), command,
                    "Stored, and wins over scout-report.yml from the next run; or change enabled: in the file.")
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "origin": origin
        case "command": command.isEmpty ? nil : command
        case "commandWhy": commandWhy
        case "baseOnly": baseOnly
        case "enabled": enabled
        case "source": source
        case "lastAnalysed": lastAnalysed
        case "lastAnalysedRaw": lastAnalysedRaw
        case "imageCount": imageCount
        case "tags": tags
        case "href": href
        case "warnings": warnings
        case "hasWarnings": !warnings.isEmpty
        default: nil
        }
    }
}

/// One advisory source and its last import.
final class AdvisorySourceView: TemplateView {
    let name: Text
    let kind: Text
    let records: Text
    let importedAt: Text
    let importedAtRaw: Text
    let warnings: [WarningView]

    init(_ source: AdvisorySourceStatus) {
        name = Text(source.name)
        kind = Text(source.kind)
        records = Text(source.records)
        importedAt = Text(Format.time(source.importedAt))
        importedAtRaw = Text(source.importedAt ?? "")
        warnings = WarningView.list(source.warnings)
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
        case "warningCount": Text(warnings.count)
        default: nil
        }
    }
}

/// An ignore entry or VEX statement to look at again.
final class ExceptionNoteView: TemplateView {
    let fields: [String: Text]

    init(_ note: ExceptionNote) {
        let state = switch note.state {
        case .expired: "Expired"
        case .expiringSoon: "Expires soon"
        case .unused: "Matched nothing"
        }
        fields = [
            "kind": Text(note.kind == "vex" ? "VEX" : "Ignore"),
            "subject": Text(note.subject),
            "state": Text(state),
            "stateKey": Text(note.state.rawValue),
            "detail": Text(note.detail),
            "source": Text(note.source),
        ]
    }

    func child(named name: String) -> Any? { fields[name] }
}
