import ScoutModel

/// Display strings shared by the view models.
enum Format {
    /// `2020-03-23T21:19:34.196162891Z` → `2020-03-23 21:19 UTC`; other text is returned as it is.
    static func time(_ rfc3339: String?) -> String {
        guard let text = rfc3339, !text.isEmpty else { return "—" }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 16, scalars[10] == "T" || scalars[10] == " " || scalars[10] == "t" else { return text }
        let date = String(String.UnicodeScalarView(scalars[0..<10]))
        let clock = String(String.UnicodeScalarView(scalars[11..<16]))
        var zone = ""
        if text.hasSuffix("Z") || text.hasSuffix("z") {
            zone = " UTC"
        } else if let sign = scalars[16...].lastIndex(where: { $0 == "+" || $0 == "-" }) {
            zone = " " + String(String.UnicodeScalarView(scalars[sign...]))
        }
        return "\(date) \(clock)\(zone)"
    }

    /// `Critical`, `High`, `Medium`, `Low`, `Unspecified`.
    static func label(_ severity: Severity) -> String {
        switch severity {
        case .critical: "Critical"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .unspecified: "Unspecified"
        }
    }

    /// Bytes in decimal units as Docker prints them: `5.9 MB`.
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// A CVSS score with one decimal: `7.5`.
    static func score(_ score: Double) -> String {
        let tenths = Int((score * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Relative path from a page at `depth` folders below the root back to the root: `../../`.
    static func root(depth: Int) -> String {
        String(repeating: "../", count: depth)
    }
}
