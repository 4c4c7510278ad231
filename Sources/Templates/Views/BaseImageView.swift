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

    /// One policy row: its status in a colour and in words (`Violated`), never a bare symbol.
    final class Policy: TemplateView, Sendable {
        let symbol: Text
        let status: Text
        let statusLabel: Text
        let title: Text
        let detail: Text
        let note: Text?

        init(_ result: PolicyResult) {
            symbol = Text(result.status.symbol)
            status = Text(result.status.rawValue)
            statusLabel = Text(Self.label(result.status))
            title = Text(result.title)
            detail = Text(result.status == .noData ? "No data" : result.detail)
            note = result.note.map { Text($0) }
        }

        /// `Compliant`, `Violated`, `No data`.
        static func label(_ status: PolicyResult.Status) -> String {
            switch status {
            case .compliant: "Compliant"
            case .violated: "Violated"
            case .noData: "No data"
            }
        }

        func child(named name: String) -> Any? {
            switch name {
            case "symbol": symbol
            case "status": status
            case "statusLabel": statusLabel
            case "title": title
            case "detail": detail
            case "note": note
            default: nil
            }
        }
    }

    /// The CSS class of a grade badge in Scout's colours: `a`…`f`, or `na` (no grade).
    static func gradeClass(_ grade: String?) -> String {
        guard let grade, grade.count == 1, "ABCDEF".contains(grade) else { return "na" }
        return grade.lowercased()
    }

    let base: Candidate?
    let baseHref: Text?
    let method: Text
    let chain: Text
    let alternatives: Text
    let refreshed: Candidate?
    let updated: Candidate?
    let upToDate: Bool
    let grade: Text
    let gradeClass: Text
    let gradeTitle: Text
    let gradeKey: Text
    let policySummary: Text
    let policies: [Policy]

    /// `href`: where the base name links (its image page, or its row on the Base images tab).
    init(image: ImageReport, href: String? = nil) {
        baseHref = href.map { Text($0) }
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
        gradeClass = Text(Self.gradeClass(graded?.grade))
        gradeTitle = Text(graded.map { "Health \($0.gradeDisplay) \($0.summary)" }
            ?? (image.sbom.isIncomplete ? "No grade: the analysis is incomplete" : "No grade: no policy had data"))
        gradeKey = Text(graded?.percent.map { String($0 + 1000) } ?? "0000")
        policySummary = Text(image.policies.map { "\($0.gradeDisplay) \($0.summary)" } ?? "")
        policies = (image.policies?.results ?? []).map(Policy.init)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "hasBase": base != nil
        case "detected": base
        case "baseHref": baseHref
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
        case "gradeClass": gradeClass
        case "gradeTitle": gradeTitle
        case "policySummary": policySummary
        case "policies": policies
        case "hasPolicies": !policies.isEmpty
        default: nil
        }
    }
}
