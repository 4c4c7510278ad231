/// A compressed stream or archive that cannot be read.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case corrupt(String)
        case truncated
        case tooLarge(limit: Int)
        case unsupported(String)
    }

    /// What was being read: a file name, an entry name.
    public var subject: String
    public var reason: Reason

    public init(subject: String, reason: Reason) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String {
        let why: String
        switch reason {
        case .corrupt(let detail): why = "corrupt data (\(detail))"
        case .truncated: why = "unexpected end of data"
        case .tooLarge(let limit): why = "it inflates to more than \(limit) bytes, the configured limit"
        case .unsupported(let detail): why = "unsupported \(detail)"
        }
        return "Failed to read '\(subject)': \(why)"
    }
}
