import Mustache
import ScoutModel

/// One of Scout's coloured count boxes (`5C`), or a single severity badge.
struct SeverityBoxView: MustacheParent {
    /// `critical`, `high`, `medium`, `low`, `unspecified`: the CSS class suffix.
    var level: String
    var letter: String
    var count: String
    var isZero: Bool

    init(severity: Severity, count: Int) {
        level = severity.rawValue
        letter = severity.letter
        self.count = String(count)
        isZero = count == 0
    }

    func child(named name: String) -> Any? {
        switch name {
        case "level": level
        case "letter": letter
        case "count": count
        case "isZero": isZero
        case "label": level
        default: nil
        }
    }

    /// The five boxes, critical first.
    static func boxes(_ counts: SeverityCounts) -> [SeverityBoxView] {
        Severity.allCases.map { SeverityBoxView(severity: $0, count: counts[$0]) }
    }
}
