import Foundation

/// The time a run stamps on what it records; pinned in tests and for `site-example/`.
public struct Clock: Sendable {
    private let pinned: String?

    /// The real clock, or a fixed RFC 3339 time.
    public init(pinned: String? = nil) {
        self.pinned = pinned
    }

    /// Now, as RFC 3339 UTC with seconds (`2026-11-29T18:23:41Z`).
    public func now() -> String {
        if let pinned { return pinned }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// True when `text` reads as an RFC 3339 time.
    public static func isValid(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }
}
