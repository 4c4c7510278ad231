import ScoutModel

/// An image's base, its recommended fixes (refreshed and updated base) and its policy results,
/// for `partials/base.mustache` (image page) and `partials/base-cells.mustache` (Images tab).
final class BaseImageView: TemplateView, Sendable {
    /// One candidate: the base, the refreshed base or the updated base.
    final class Candidate: TemplateView, Sendable {
        let name: Text
        let boxes: [SeverityBoxView]
        let delta: Text
        let created: Text

        init(_ candidate: BaseImageCandidate) {
            name = Text(candidate.reference.displayName)
            boxes = candidate.counts.map(SeverityBoxView.boxes) ?? []
            delta = Text(candidate.delta.map(Self.deltaText) ?? "")
            created = Text(Format.time(candidate.created))
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
    final class Policy: TemplateView, Sendable {
        let symbol: Text
        let status: Text
        let title: Text
        let detail: Text

        init(symbol: Text, status: Text, title: Text, detail: Text) {
            self.symbol = symbol
            self.status = status
            self.title = title
            self.detail = detail
        }

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

    let base: Candidate?
    let method: Text
    let chain: Text
    let alternatives: Text
    let refreshed: Candidate?
    let updated: Candidate?
    let upToDate: Bool
    let grade: Text
    let gradeKey: Text
    let policySummary: Text
    let policies: [Policy]

    init(image: ImageReport) {
        let summary = image.base
        base = summary.map { Candidate($0.base) }
        switch summary?.method {
        case .annotation?: method = Text("from the image's annotations")
        case .provenance?: method = Text("from provenance attestations")
        case .layers?: method = Text(summary?.exactLayerMatch == true ? "auto-detected from shared layers" : "auto-detected: closest shared layers")
        case nil: method = .empty
        }
        chain = Text(summary.map { ([image.displayName] + $0.chain.map(\.displayName)).joined(separator: " → ") } ?? "")
        alternatives = Text(summary?.alternatives.map(\.reference.displayName).joined(separator: ", ") ?? "")
        refreshed = summary?.refreshed.map { Candidate($0) }
        updated = summary?.updated.map { Candidate($0) }
        upToDate = summary?.upToDate == true
        // Policies over a partial package list would grade an unreadable image as healthy.
        let graded = image.sbom.isIncomplete ? nil : image.policies
        grade = Text(graded?.grade ?? "N/A")
        gradeKey = Text(graded?.percent.map { String($0 + 1000) } ?? "0000")
        policySummary = Text(image.policies.map { "\($0.gradeDisplay) \($0.summary)" } ?? "")
        policies = (image.policies?.results ?? []).map { result in
            Policy(symbol: Text(result.status.symbol), status: Text(result.status.rawValue), title: Text(result.title),
                   detail: Text(result.status == .noData ? "No data" : result.detail))
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
