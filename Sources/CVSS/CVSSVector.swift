/// A parsed CVSS vector with its score.
///
/// For v2, v3.0 and v3.1 `baseScore` is the base score: temporal and environmental metrics are
/// validated but do not change it. For v4.0 it is the score FIRST's calculator gives the whole
/// vector (CVSS-B for a base-only vector, CVSS-BT/BE/BTE when threat or environmental metrics are
/// present; supplemental metrics never change it), which is also what NVD publishes as `baseScore`.
public struct CVSSVector: Sendable, Hashable {
    /// The specification version the vector was scored with.
    public let version: CVSSVersion
    /// The vector as given (surrounding whitespace and v2 parentheses removed).
    public let vector: String
    /// The score, rounded to one decimal as the version's specification prescribes.
    public let baseScore: Double

    /// Creates a vector from already computed parts.
    public init(version: CVSSVersion, vector: String, baseScore: Double) {
        self.version = version
        self.vector = vector
        self.baseScore = baseScore
    }

    /// The qualitative rating of `baseScore` in upper case, by this version's own bands.
    public var severity: String { Self.severity(score: baseScore, version: version) }

    /// The qualitative rating of `score` in upper case by the bands of `version`'s specification.
    ///
    /// v3.x and v4.0: `NONE` (0.0), `LOW` (0.1–3.9), `MEDIUM` (4.0–6.9), `HIGH` (7.0–8.9),
    /// `CRITICAL` (9.0–10.0). v2 (NVD's bands; v2 has no None and no Critical): `LOW` (0.0–3.9),
    /// `MEDIUM` (4.0–6.9), `HIGH` (7.0–10.0).
    public static func severity(score: Double, version: CVSSVersion) -> String {
        let tenths = Int((score * 10).rounded())
        if version == .v2 {
            switch tenths {
            case ..<40: return "LOW"
            case ..<70: return "MEDIUM"
            default: return "HIGH"
            }
        }
        switch tenths {
        case ..<1: return "NONE"
        case ..<40: return "LOW"
        case ..<70: return "MEDIUM"
        case ..<90: return "HIGH"
        default: return "CRITICAL"
        }
    }
}
