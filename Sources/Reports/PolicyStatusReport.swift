import ScoutModel

/// The policy lines of `docker scout quickview`'s current layout: status, health score, and the
/// policies that are not met (violated `!` or without data `?`).
///
/// ```
/// Policy status  FAILED  (2/6 policies met, 2 missing data)
/// Health score  B (83%)
///   Status │ Policy                                      │ Results
///   !      │ No fixable critical or high vulnerabilities │    2C    16H     0M     0L
///   ?      │ No outdated base images                     │    No data
/// ```
public enum PolicyStatusReport {
    public static func render(_ report: PolicyReport) -> String {
        let failed = report.results.contains { $0.status == .violated }
        var lines = [
            "Policy status  \(failed ? "FAILED" : "PASSED")  \(report.summary)",
            "Health score  \(report.gradeDisplay)",
        ]
        let open = report.results.filter { $0.status != .compliant }
        if !open.isEmpty {
            let width = max("Policy".count, open.map(\.title.count).max() ?? 0)
            lines.append("  Status │ \(TextLayout.pad("Policy", width)) │ Results")
            for result in open {
                let detail: String
                if result.status == .noData {
                    detail = "   No data"
                } else if let counts = result.counts {
                    detail = TextLayout.countCells(counts, unspecified: false)
                } else {
                    detail = "   " + result.detail
                }
                lines.append("  \(TextLayout.pad(result.status.symbol, 6)) │ \(TextLayout.pad(result.title, width)) │\(detail)")
            }
        }
        return TextLayout.document(lines)
    }
}
