/// How urgent a finding is: the order every list of findings is shown in (image pages, the
/// vulnerabilities tab, Markdown, `cves`), and what `cves --sort priority` sorts by.
///
/// `score = 70 × KEV + severity weight + 20 × EPSS probability + 5 × fix available`, where the
/// severity weight is 40 critical, 30 high, 20 medium, 10 low, 0 unspecified. So 0…135: a finding
/// CISA lists as exploited comes before every one it does not list (70 > 40 + 20 + 5), a
/// likely-exploited high (EPSS 0.9: 30 + 18 + 5 = 53) before an unlikely critical without a fix
/// (40), and among equals the one you can fix now first. Ties: severity, CVSS (higher first), id,
/// package name and version; on fleet lists, more images affected first before the id.
public struct FindingPriority: Sendable, Hashable, Comparable {
    /// 0…135, higher is more urgent.
    public let score: Double
    /// The parts of the score, for display: `KEV 70 + critical 40 + EPSS 4.2 + fix 5`.
    public let kev: Bool
    public let severity: Severity
    public let epss: Double
    public let fixAvailable: Bool

    public static let kevWeight = 70.0
    public static let epssWeight = 20.0
    public static let fixWeight = 5.0

    /// The severity's part of the score.
    public static func weight(of severity: Severity) -> Double {
        switch severity {
        case .critical: 40
        case .high: 30
        case .medium: 20
        case .low: 10
        case .unspecified: 0
        }
    }

    public init(kev: Bool, severity: Severity, epss: Double?, fixAvailable: Bool) {
        self.kev = kev
        self.severity = severity
        self.epss = min(max(epss ?? 0, 0), 1)
        self.fixAvailable = fixAvailable
        score = (kev ? Self.kevWeight : 0) + Self.weight(of: severity) + Self.epssWeight * self.epss + (fixAvailable ? Self.fixWeight : 0)
    }

    public init(_ finding: Finding) {
        self.init(kev: finding.kev != nil, severity: finding.severity, epss: finding.epss?.score, fixAvailable: !finding.fixedVersions.isEmpty)
    }

    /// Lower score first (so `max()` is the most urgent); `Finding.precedes` sorts most urgent first.
    public static func < (lhs: FindingPriority, rhs: FindingPriority) -> Bool { lhs.score < rhs.score }

    /// `87.4`: the score with one decimal.
    public var display: String {
        let tenths = Int((score * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension Finding {
    public var priority: FindingPriority { FindingPriority(self) }

    /// True when `self` is listed before `other`: higher priority, then worse severity, higher CVSS,
    /// then by id, package name and version (so the order is total and stable).
    public func precedes(_ other: Finding) -> Bool {
        let a = priority.score, b = other.priority.score
        if a != b { return a > b }
        if severity != other.severity { return severity < other.severity }
        let x = cvssScore ?? -1, y = other.cvssScore ?? -1
        if x != y { return x > y }
        return (vulnerabilityID, package.name, package.version) < (other.vulnerabilityID, other.package.name, other.package.version)
    }
}

extension Array where Element == Finding {
    /// Most urgent first (`Finding.precedes`).
    /// A list already in that order is returned as it is (shared, not copied: the nightly job records
    /// findings in this order, and a fleet's lists are most of its memory).
    public func sortedByPriority() -> [Finding] {
        indices.dropFirst().allSatisfy({ !self[$0].precedes(self[$0 - 1]) }) ? self : sorted { $0.precedes($1) }
    }
}
