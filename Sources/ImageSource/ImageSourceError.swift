/// Why an image could not be opened or read.
public struct ImageSourceError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The reference text has no known scheme or an empty path.
        case invalidReference
        /// The scheme is known but not implemented by this module yet (`registry://`, `fs://`, `sbom://`).
        case unsupportedReference
        /// A file or directory could not be opened or read.
        case unreadable(String)
        /// A required file is absent (`index.json`, `manifest.json`, a blob).
        case missing(String)
        /// A JSON document could not be decoded.
        case invalidJSON(String)
        /// A blob's content does not hash to its digest.
        case digestMismatch(expected: String, actual: String)
        /// No manifest matches the requested platform, or several match and none was chosen.
        case platformNotFound(String)
        /// The archive's tar or gzip framing is broken.
        case corruptArchive(String)
        /// The document or layer uses something this reader does not handle.
        case unsupported(String)
    }

    public var reason: Reason
    /// What failed: the reference, a path inside the image, or a digest.
    public var subject: String
    /// The archive or directory it belongs to, when different from the subject.
    public var container: String?

    public init(_ reason: Reason, subject: String, container: String? = nil) {
        self.reason = reason
        self.subject = subject
        self.container = container
    }

    public var description: String {
        let of = container.map { " of '\($0)'" } ?? ""
        switch reason {
        case .invalidReference:
            return "Failed to parse image reference '\(subject)': use oci-dir://PATH, archive://FILE, fs://DIR or sbom://FILE."
        case .unsupportedReference:
            return "Failed to open image reference '\(subject)': this kind of source is not supported yet; use oci-dir://PATH, archive://FILE, fs://DIR or sbom://FILE."
        case .unreadable(let cause):
            return "Failed to read '\(subject)'\(of): \(cause)."
        case .missing(let what):
            return "Failed to open '\(subject)'\(of): \(what) is missing."
        case .invalidJSON(let cause):
            return "Failed to decode '\(subject)'\(of): \(cause)."
        case .digestMismatch(let expected, let actual):
            return "Failed to verify '\(subject)'\(of): expected digest \(expected) but the content hashes to \(actual)."
        case .platformNotFound(let cause):
            return "Failed to select a manifest in '\(subject)'\(of): \(cause)."
        case .corruptArchive(let cause):
            return "Failed to read '\(subject)'\(of): \(cause)."
        case .unsupported(let what):
            return "Failed to read '\(subject)'\(of): \(what) is not supported."
        }
    }
}
