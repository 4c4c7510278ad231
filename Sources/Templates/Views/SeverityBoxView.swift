
import ScoutModel

/// One of Scout's coloured count boxes (`5C`), or a single severity badge.
final class SeverityBoxView: TemplateView, Sendable {
    /// `critical`, `high`, `medium`, `low`, `unspecified`: the CSS class suffix.
    let level: Text
    let letter: Text
    let count: Text
    let isZero: Bool

    init(severity: Severity, count: Int) {
        level = Text(severity.rawValue)
        letter = Text(severity.letter)
        self.count = Text(count)
        isZero = count == 0
    }

    func child(named name: String) -> Any? {
        switch name {
        case "level", "label": level
        case "letter": letter
        case "count": count
        case "isZero": isZero
        default: nil
        }
    }

    /// The five boxes, critical first.
    static func boxes(_ counts: SeverityCounts) -> [SeverityBoxView] {
        Severity.allCases.map { SeverityBoxView(severity: $0, count: counts[$0]) }
    }

    /// The list the `partials/boxes` template iterates.
    final class Boxes: TemplateView {
        let boxes: [SeverityBoxView]
        init(_ counts: SeverityCounts) { boxes = SeverityBoxView.boxes(counts) }
        func child(named name: String) -> Any? { name == "boxes" ? boxes : nil }
    }

    /// Sort key for a counts column: worst first when sorted descending.
    static func sortKey(_ counts: SeverityCounts) -> Text {
        Text(Severity.allCases.map { String(String(counts[$0] + 1_000_000).dropFirst()) }.joined())
    }
}

/// The five boxes of a set of counts rendered through `partials/boxes`, once per distinct counts: rows of
/// every table show them, and a fleet has few distinct counts.
final class SeverityBoxesCache: Sendable {
    private let workers: RenderWorkers
    private let cache = FragmentCache<SeverityCounts>()

    init(workers: RenderWorkers) {
        self.workers = workers
    }

    func callAsFunction(_ counts: SeverityCounts) -> Markup {
        Markup(trusted: cache.value(counts) { workers.render(SeverityBoxView.Boxes(counts), "partials/boxes") })
    }
}
