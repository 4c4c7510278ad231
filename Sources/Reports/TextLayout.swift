import ScoutModel

/// Small text helpers shared by the CLI layouts.
enum TextLayout {
    /// The bands Scout prints in count cells, worst first (`?` only when asked).
    static let bands: [Severity] = [.critical, .high, .medium, .low]

    /// `text` padded with spaces on the right to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// `text` padded with spaces on the left to `width` characters (Go's `%5d`).
    static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `text` centred in `width`, the odd space going to the left, as Scout's table headers are.
    static func center(_ text: String, _ width: Int) -> String {
        let free = max(0, width - text.count)
        let left = (free + 1) / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: free - left)
    }

    /// One count cell: `%5d` then the band letter (`   17C`).
    static func countCell(_ count: Int, _ severity: Severity) -> String {
        padLeft(String(count), 5) + severity.letter
    }

    /// `   17C    32H    35M    33L` and, when `unspecified` is set, `     6?`.
    static func countCells(_ counts: SeverityCounts, unspecified: Bool) -> String {
        var cells = bands.map { countCell(counts[$0], $0) }
        if unspecified { cells.append(countCell(counts.unspecified, .unspecified)) }
        return cells.joined(separator: " ")
    }

    /// Removes the spaces that padding leaves at the end of each line.
    static func trimTrailingSpaces(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line.removeLast() }
        return String(line)
    }

    /// Joins lines with `\n`, trailing spaces removed, and ends with a newline.
    static func document(_ lines: [String]) -> String {
        lines.map(trimTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// Sizes as Scout prints them (go-humanize `Bytes`: powers of 1000, one decimal below 10):
    /// `5.8 MB`, `19 MB`, `1.4 GB`.
    static func humanBytes(_ bytes: Int64) -> String {
        if bytes < 10 { return "\(max(0, bytes)) B" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var exponent = 0
        var scale = 1.0
        while exponent < units.count - 1, Double(bytes) >= scale * 1000 {
            scale *= 1000
            exponent += 1
        }
        let value = (Double(bytes) / scale * 10 + 0.5).rounded(.down) / 10
        let number = value < 10 ? formatOneDecimal(value) : String(Int(value.rounded(.toNearestOrEven)))
        return "\(number) \(units[exponent])"
    }

    /// `9.8`, `7.0`: one decimal, without Foundation's locale-dependent formatting.
    static func formatOneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// A neutral page for a vulnerability id: NVD for CVEs, OSV for every other id.
    static func vulnerabilityLink(_ id: String) -> String {
        id.hasPrefix("CVE-")
            ? "https://nvd.nist.gov/vuln/detail/\(id)"
            : "https://osv.dev/vulnerability/\(id)"
    }

    /// Splits `>=24.0.0, <26.1.4` into the constraints Scout prints one per line.
    static func rangeParts(_ range: String) -> [String] {
        let parts = range.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        return parts.isEmpty ? [range] : parts
    }
}

extension Substring {
    var trimmingSpaces: String {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
