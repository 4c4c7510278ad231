import Foundation

/// A vulnerability's publication time as the feeds write it: RFC 3339 (OSV `2022-08-04T00:00:00Z`, with
/// or without fractions) or NVD's zone-less UTC form (`2017-02-13T18:59:00.753`), or a bare date.
public enum PublicationDate {
    /// The time `text` names, read as UTC when it has no zone; nil when it is no date.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        // Zone-less: the date and, when present, the time to the second; fractions are dropped.
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return nil }
        let day = String(decoding: bytes[0..<10], as: UTF8.self)
        var clock = "00:00:00"
        if bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") {
            clock = String(decoding: bytes[11..<19], as: UTF8.self)
        }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: "\(day)T\(clock)Z")
    }

    /// The earlier of two publication times (the vulnerability has been public since the first source
    /// said so); a text that is no date loses to one that is.
    public static func earliest(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        switch (parse(a), parse(b)) {
        case let (x?, y?): return y < x ? b : a
        case (nil, _?): return b
        default: return a
        }
    }

    /// `2022-08-04`: the day part, as pages show it.
    public static func day(_ text: String) -> String {
        guard let date = parse(text) else { return text }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
