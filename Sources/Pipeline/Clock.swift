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
        return Self.format(Date())
    }

    /// `date` as RFC 3339 UTC with seconds, as `ISO8601DateFormatter` with `.withInternetDateTime` writes it.
    /// Formatted by hand: a scan stamps every tag it finds, and a formatter made per call (ICU) was a
    /// tenth of a warm registry scan's CPU (benchmarks/RESULTS.md, issue 13).
    static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))T"
            + "\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2)):\(digits(parts.tm_sec, 2))Z"
    }

    /// True when `text` reads as an RFC 3339 time.
    public static func isValid(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }
}
