/// A CVSS vector that could not be parsed.
public struct CVSSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the vector.
    public enum Reason: String, Sendable, Hashable {
        /// Empty vector, empty field (`//`, trailing `/`), a field without `:`, or an absurd length.
        case malformed
        /// A `CVSS:x.y/` prefix naming a version other than 3.0, 3.1 or 4.0 (or 2.0).
        case unknownVersion
        /// A mandatory base metric is absent.
        case missingMetric
        /// A metric appears twice.
        case duplicateMetric
        /// A known metric has a value its version does not define.
        case invalidValue
        /// A metric name its version does not define.
        case unknownMetric
    }

    /// What was wrong.
    public let reason: Reason
    /// The vector (shortened to 100 characters when longer).
    public let vector: String
    /// The offending part: a field, metric name or version label (shortened like `vector`).
    public let subject: String

    /// Creates an error; long vectors and subjects are shortened so messages stay readable.
    public init(_ reason: Reason, vector: some StringProtocol, subject: some StringProtocol) {
        self.reason = reason
        self.vector = Self.shortened(vector)
        self.subject = Self.shortened(subject)
    }

    public var description: String {
        let cause: String
        switch reason {
        case .malformed: cause = "malformed: \(subject)"
        case .unknownVersion:
            cause = "unknown version '\(subject)'; supported are CVSS 2.0, 3.0, 3.1 and 4.0"
        case .missingMetric: cause = "mandatory metric '\(subject)' is missing"
        case .duplicateMetric: cause = "metric '\(subject)' appears more than once"
        case .invalidValue: cause = "invalid metric value '\(subject)'"
        case .unknownMetric: cause = "unknown metric '\(subject)'"
        }
        return "Failed to parse CVSS vector '\(vector)': \(cause)"
    }

    private static func shortened(_ text: some StringProtocol) -> String {
        let limit = 100
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return String(text) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(limit))
        return String(view) + "…"
    }
}
