/// Severity bands as Docker Scout shows them.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case critical, high, medium, low, unspecified

    /// Critical first.
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        case .unspecified: 4
        }
    }

    /// Sorts critical before high before … unspecified.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The band of a CVSS base score: 9.0–10 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
    public init(cvssScore score: Double) {
        switch score {
        case 9.0...: self = .critical
        case 7.0..<9.0: self = .high
        case 4.0..<7.0: self = .medium
        case 0.1..<4.0: self = .low
        default: self = .unspecified
        }
    }

    /// Reads a distribution's or database's severity word (`CRITICAL`, `Moderate`, `important`, …).
    public init?(label: String) {
        switch label.lowercased() {
        case "critical": self = .critical
        case "high", "important": self = .high
        case "medium", "moderate": self = .medium
        case "low", "negligible", "unimportant": self = .low
        case "unspecified", "unknown", "none": self = .unspecified
        default: return nil
        }
    }

    /// One-letter column name: C, H, M, L, ?.
    public var letter: String {
        switch self {
        case .critical: "C"
        case .high: "H"
        case .medium: "M"
        case .low: "L"
        case .unspecified: "?"
        }
    }
}

/// Counts per severity, as in Scout's `   5C     3H     6M    63L`.
public struct SeverityCounts: Sendable, Hashable, Codable {
    public var critical = 0
    public var high = 0
    public var medium = 0
    public var low = 0
    public var unspecified = 0

    public init(critical: Int = 0, high: Int = 0, medium: Int = 0, low: Int = 0, unspecified: Int = 0) {
        self.critical = critical
        self.high = high
        self.medium = medium
        self.low = low
        self.unspecified = unspecified
    }

    public subscript(severity: Severity) -> Int {
        get {
            switch severity {
            case .critical: critical
            case .high: high
            case .medium: medium
            case .low: low
            case .unspecified: unspecified
            }
        }
        set {
            switch severity {
            case .critical: critical = newValue
            case .high: high = newValue
            case .medium: medium = newValue
            case .low: low = newValue
            case .unspecified: unspecified = newValue
            }
        }
    }

    public var total: Int { critical + high + medium + low + unspecified }
}
