/// A remote advisory feed that could not be downloaded or verified.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case transport(String)
        case status(Int)
        case incomplete(expected: Int64, received: Int64)
        case checksumMismatch(expected: String, actual: String)
        case checksumUnavailable(String)
        case cannotStore(String)
    }

    /// The URL, without credentials.
    public var url: String
    public var reason: Reason

    public init(url: String, reason: Reason) {
        self.url = url
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .transport(let why): "Failed to download '\(url)': \(why)"
        case .status(let code): "Failed to download '\(url)': the server answered HTTP \(code)"
        case .incomplete(let expected, let received): "Failed to download '\(url)': received \(received) of \(expected) bytes"
        case .checksumMismatch(let expected, let actual): "Failed to verify '\(url)': its SHA-256 is \(actual), the published one \(expected)"
        case .checksumUnavailable(let why): "Failed to verify '\(url)': the checksum could not be read (\(why))"
        case .cannotStore(let why): "Failed to keep the download of '\(url)': \(why)"
        }
    }

    /// `https://user:secret@host/x` → `https://host/x`: credentials never reach logs, the store or the site.
    public static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }
}
