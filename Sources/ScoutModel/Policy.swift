/// The outcome of one policy for one image, as Scout's policy table shows it.
public struct PolicyResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case compliant, violated, noData

        /// `✓`, `!`, `?` as in `docker scout quickview`.
        public var symbol: String {
            switch self {
            case .compliant: "✓"
            case .violated: "!"
            case .noData: "?"
            }
        }
    }

    /// Scout's policy id: `fixable-critical-high`, `high-profile-vulnerabilities`, `supply-chain-attestations`,
    /// `approved-base-images`, `no-outdated-base-images`, `default-non-root-user`, `no-agpl-v3-licenses`.
    public var id: String
    /// `No fixable critical or high vulnerabilities`.
    public var title: String
    public var status: Status
    /// Health-score points the policy is worth.
    public var points: Int
    /// The results column: `2C 16H`, `3 packages`, `root (implicit)`, `No data`.
    public var detail: String
    /// Counts for vulnerability policies (the results cells), when they apply.
    public var counts: SeverityCounts?
    /// A caveat on how the result was reached (the fixable policy aging findings from first seen).
    public var note: String?

    public init(id: String, title: String, status: Status, points: Int, detail: String, counts: SeverityCounts? = nil, note: String? = nil) {
        self.id = id
        self.title = title
        self.status = status
        self.points = points
        self.detail = detail
        self.counts = counts
        self.note = note
    }
}

/// Every policy result of an image and the health score they give.
public struct PolicyReport: Sendable, Hashable, Codable {
    public var results: [PolicyResult]
    /// `A`…`F`; nil when no policy had data.
    public var grade: String?
    /// Points of compliant policies over points of policies with data, 0–100 (rounded down).
    public var percent: Int?

    public init(results: [PolicyResult], grade: String?, percent: Int?) {
        self.results = results
        self.grade = grade
        self.percent = percent
    }

    public var met: Int { results.filter { $0.status == .compliant }.count }
    public var missingData: Int { results.filter { $0.status == .noData }.count }

    /// `FAILED  (2/6 policies met, 2 missing data)` without the first word.
    public var summary: String {
        let missing = missingData == 0 ? "" : ", \(missingData) missing data"
        return "(\(met)/\(results.count) policies met\(missing))"
    }

    /// `B (83%)` or `No data`.
    public var gradeDisplay: String {
        guard let grade, let percent else { return "No data" }
        return "\(grade) (\(percent)%)"
    }
}
