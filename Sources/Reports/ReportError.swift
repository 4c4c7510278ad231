/// A report that could not be produced.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// An `--only-package` pattern is not a valid regular expression.
        case invalidPackagePattern
        /// The SARIF document could not be encoded as JSON (the detail is the encoder's message).
        case encodingFailed(String)
        /// A JSON document (`format`: CycloneDX, SPDX, GitLab, …) could not be encoded.
        case documentEncodingFailed(format: String, detail: String)
        /// An SBOM document given as input could not be read (the detail says why).
        case unreadableSBOM(String)
    }

    /// What it concerns: the pattern, or the image.
    public var subject: String
    public var reason: Reason

    public init(subject: String, reason: Reason) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .invalidPackagePattern:
            "Failed to read package pattern '\(subject)': it is not a valid regular expression."
        case .encodingFailed(let detail):
            "Failed to encode the SARIF report of '\(subject)': \(detail)."
        case .documentEncodingFailed(let format, let detail):
            "Failed to encode the \(format) document of '\(subject)': \(detail)."
        case .unreadableSBOM(let detail):
            "Failed to read SBOM document '\(subject)': \(detail)."
        }
    }
}
