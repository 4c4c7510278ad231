import Mustache
import ScoutModel

/// An image's base, its recommended fixes (refreshed and updated base) and its policy results,
/// for `partials/base.mustache` (image page) and `partials/base-cells.mustache` (Images tab).
struct BaseImageView: MustacheParent {
    /// One candidate: the base, the refreshed base or the updated base.
    struct Candidate: MustacheParent {
        var name: String
        var boxes: [SeverityBoxView]
        var delta: String
        var created: String

        init(_ candidate: BaseImageCandidate, escape: Escaper) {
            name = escape(candidate.reference.displayName)
            boxes = candidate.counts.map(SeverityBoxView.boxes) ?? []
            delta = escape(candidate.delta.map(Self.deltaText) ?? "")
            created = escape(Format.time(candidate.created))
        }

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "boxes": boxes
            case "hasCounts": !boxes.isEmpty
            case "delta": delta
            case "hasDelta": !delta.isEmpty
            case "created": created
            default: nil
            }
        }

        /// `-3H -3M -1L`, `+1C +11H`, or `no change`.
        static func deltaText(_ delta: SeverityCounts) -> String {
            let parts = Severity.allCases.compactMap { severity -> String? in
                let value = delta[severity]
                return value == 0 ? nil : (value > 0 ? "+" : "") + "\(value)\(severity.letter)"
            }
            return parts.isEmpty ? "no change" : parts.joined(separator: " ")
        }
    }

    /// One policy row.
    struct Policy: MustacheParent {
        var symbol: String
        var status: String
        var title: String
        var detail: String

        func child(named name: String) -> Any? {
            switch name {
            case "symbol": symbol
            case "status": status
            case "title": title
            case "detail": detail
            default: nil
            }
        }
    }

    var base: Candidate?
    var method: String
    var chain: String
    var alternatives: String
    var refreshed: Candidate?
    var updated: Candidate?
    var upToDate: Bool
    var grade: String
    var gradeKey: String
    var policySummary: String
    var policies: [Policy]

    init(image: ImageReport, escape: Escaper) {
        let summary = image.base
        base = summary.map { Candidate($0.base, escape: escape) }
        switch summary?.method {
        case .annotation?: method = "from the image's annotations"
        case .provenance?: method = "from provenance attestations"
        case .layers?: method = summary?.exactLayerMatch == true ? "auto-detected from shared layers" : "auto-detected: closest shared layers"
        case nil: method = ""
        }
        chain = escape(summary.map { ([image.displayName] + $0.chain.map(\.displayName)).joined(separator: " → ") } ?? "")
        alternatives = escape(summary?.alternatives.map(\.reference.displayName).joined(separator: ", ") ?? "")
        refreshed = summary?.refreshed.map { Candidate($0, escape: escape) }
        updated = summary?.updated.map { Candidate($0, escape: escape) }
        upToDate = summary?.upToDate == true
        grade = escape(image.policies?.grade ?? "N/A")
        gradeKey = image.policies?.percent.map { String($0 + 1000) } ?? "0000"
        policySummary = escape(image.policies.map { "\($0.gradeDisplay) \($0.summary)" } ?? "")
        policies = (image.policies?.results ?? []).map { result in
            Policy(symbol: escape(result.status.symbol), status: result.status.rawValue, title: escape(result.title),
                   detail: escape(result.status == .noData ? "No data" : result.detail))
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "hasBase": base != nil
        case "detected": base
        case "method": method
        case "chain": chain
        case "alternatives": alternatives
        case "hasAlternatives": !alternatives.isEmpty
        case "refreshed": refreshed
        case "updated": updated
        case "hasFixes": refreshed != nil || updated != nil
        case "upToDate": upToDate
        case "grade": grade
        case "gradeKey": gradeKey
        case "policySummary": policySummary
        case "policies": policies
        case "hasPolicies": !policies.isEmpty
        default: nil
        }
    }
}
