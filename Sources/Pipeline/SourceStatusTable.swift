import Foundation
import ScoutModel

/// `db status`: one row per advisory source, then its warnings.
public enum SourceStatusTable {
    public static func render(_ sources: [AdvisorySourceStatus], now: String) -> String {
        let header = ["Source", "Format", "Records", "Updated", "Age", "Checked", "Location"]
        var rows: [[String]] = []
        for source in sources {
            rows.append([
                source.name, source.kind, String(source.records), source.importedAt ?? "never",
                source.importedAt.map { age(from: $0, to: now) } ?? "—",
                source.checkedAt ?? "—", source.location ?? "",
            ])
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                if i == cells.count - 1 { return cell }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 2 ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var lines = [line(header)]
        for (row, source) in zip(rows, sources) {
            lines.append(line(row))
            for warning in source.warnings { lines.append("  warning: \(warning.message)") }
        }
        return lines.joined(separator: "\n")
    }

    /// `45s`, `12m`, `5h`, `3d` between two RFC 3339 times.
    public static func age(from then: String, to now: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let a = formatter.date(from: then), let b = formatter.date(from: now) else { return "?" }
        let seconds = max(0, Int(b.timeIntervalSince(a)))
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        default: return "\(seconds / 86_400)d"
        }
    }
}
