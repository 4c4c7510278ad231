/// CVSS base scores computed from vector strings (v2, v3.0, v3.1, v4.0).
public enum CVSS {
    /// Vectors longer than this (in UTF-8 bytes) are rejected before any splitting; the longest
    /// valid v4.0 vector, with every optional metric, is under 300 bytes.
    public static let maximumVectorLength = 1024

    /// Parses a vector and computes its score.
    ///
    /// Accepts `CVSS:3.0/…`, `CVSS:3.1/…` and `CVSS:4.0/…`, and v2 vectors without prefix
    /// (`AV:N/AC:L/Au:N/C:P/I:P/A:P`), optionally wrapped in parentheses or prefixed `CVSS:2.0/`.
    /// Metrics may come in any order; temporal, environmental, threat and supplemental metrics
    /// of the version are accepted. Surrounding whitespace is ignored.
    public static func parse(_ vector: String) throws(CVSSError) -> CVSSVector {
        guard vector.utf8.count <= maximumVectorLength else {
            throw CVSSError(.malformed, vector: vector,
                            subject: "longer than \(maximumVectorLength) bytes")
        }
        var text = Substring(vector).trimmingWhitespace()
        guard !text.isEmpty else {
            throw CVSSError(.malformed, vector: vector, subject: "empty vector")
        }
        let version: CVSSVersion
        if text.hasPrefix("CVSS:") {
            let label = text.prefix { $0 != "/" }
            guard let known = CVSSVersion(rawValue: String(label.dropFirst(5))) else {
                throw CVSSError(.unknownVersion, vector: vector, subject: label)
            }
            version = known
            text = text[label.endIndex...].dropFirst()
        } else {
            if text.hasPrefix("("), text.hasSuffix(")") {
                text = text.dropFirst().dropLast()
            }
            version = .v2
        }
        let cleaned = String(vector.trimmingWhitespace())
        switch version {
        case .v2:
            let metrics = try MetricTable.v2.parse(text, original: vector)
            return CVSSVector(version: .v2, vector: String(text), baseScore: CVSS2Score.base(metrics))
        case .v30, .v31:
            let metrics = try MetricTable.v3.parse(text, original: vector)
            let score = CVSS3Score.base(metrics)
            return CVSSVector(version: version, vector: cleaned, baseScore: score)
        case .v40:
            let metrics = try MetricTable.v4.parse(text, original: vector)
            return CVSSVector(version: .v40, vector: cleaned, baseScore: CVSS4Score(metrics).score)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
