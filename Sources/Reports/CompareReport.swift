import ScoutModel

/// `scout-report compare` layouts: text (Scout's overview table and change lists), markdown, json.
public enum CompareReport {
    public static func text(_ comparison: ImageComparison) -> String {
        let a = comparison.analyzed, b = comparison.comparison
        let delta = difference(a.counts, b.counts)
        let unspecified = a.counts.unspecified != 0 || b.counts.unspecified != 0
        let rows: [(String, String, String)] = [
            ("  Target", "  \(a.name)", "  \(b.name)"),
            ("    digest", "  \(a.digest.shortDigest)", "  \(b.digest.shortDigest)"),
            ("    platform", " \(a.platform ?? "")", " \(b.platform ?? "")"),
            ("    vulnerabilities", TextLayout.countCells(a.counts, unspecified: unspecified), TextLayout.countCells(b.counts, unspecified: unspecified)),
            ("", deltaCells(delta, unspecified: unspecified), ""),
            ("    size", " \(TextLayout.humanBytes(a.size)) (\(signedBytes(a.size - b.size)))", " \(TextLayout.humanBytes(b.size))"),
            ("    packages", " \(a.packages) (\(signed(a.packages - b.packages)))", " \(b.packages)"),
        ]
        let width = max(30, rows.map { max($0.1.count, $0.2.count) }.max()! + 2)
        var lines = [
            "## Overview", "",
            String(repeating: " ", count: 20) + "│" + TextLayout.center("Analyzed Image", width) + "│" + TextLayout.center("Comparison Image", width),
            String(repeating: "─", count: 20) + "┼" + String(repeating: "─", count: width) + "┼" + String(repeating: "─", count: width),
        ]
        for row in rows { lines.append(TextLayout.pad(row.0, 20) + "│" + TextLayout.pad(row.1, width) + "│" + row.2) }
        lines += ["", "", "## Packages and Vulnerabilities", ""]
        let kinds: [(ImageComparison.PackageChange.Kind, String, String)] = [
            (.added, "+", "added"), (.removed, "-", "removed"), (.upgraded, "↑", "updated"),
            (.downgraded, "↓", "downgraded"), (.changed, "~", "changed"),
        ]
        for (kind, mark, word) in kinds {
            let count = comparison.packages.filter { $0.kind == kind }.count
            lines.append("  \(mark) \(TextLayout.padLeft(String(count), 4)) packages \(word)")
        }
        let added = comparison.vulnerabilities.filter { $0.kind == .added }.count
        let removed = comparison.vulnerabilities.count - added
        lines.append("  + \(TextLayout.padLeft(String(added), 4)) vulnerabilities added")
        lines.append("  - \(TextLayout.padLeft(String(removed), 4)) vulnerabilities removed")
        if !comparison.packages.isEmpty {
            lines.append("")
            for (kind, mark, _) in kinds {
                for change in comparison.packages where change.kind == kind {
                    lines.append("  \(mark) \(change.name) \(versionText(change)) (\(change.type.rawValue))")
                }
            }
        }
        if !comparison.vulnerabilities.isEmpty {
            lines.append("")
            for change in comparison.vulnerabilities {
                let mark = change.kind == .added ? "+" : "-"
                lines.append("  \(mark) \(TextLayout.pad(change.severity.rawValue.uppercased(), 11)) \(change.id)  \(change.package) \(change.version) (\(change.type.rawValue))")
            }
        }
        return TextLayout.document(lines)
    }

    public static func markdown(_ comparison: ImageComparison) -> String {
        let a = comparison.analyzed, b = comparison.comparison
        func esc(_ text: String) -> String { MarkdownReport.escape(text).replacingOccurrences(of: "|", with: "\\|") }
        var lines = [
            "## Comparison of `\(a.name)` with `\(b.name)`", "",
            "| | Analyzed image | Comparison image |", "| --- | --- | --- |",
            "| Target | `\(esc(a.name))` | `\(esc(b.name))` |",
            "| digest | `\(a.digest.shortDigest)` | `\(b.digest.shortDigest)` |",
            "| vulnerabilities | \(MarkdownReport.badges(a.counts, short: true)) | \(MarkdownReport.badges(b.counts, short: true)) |",
            "| size | \(TextLayout.humanBytes(a.size)) (\(signedBytes(a.size - b.size))) | \(TextLayout.humanBytes(b.size)) |",
            "| packages | \(a.packages) (\(signed(a.packages - b.packages))) | \(b.packages) |",
            "", "### Packages", "",
        ]
        if comparison.packages.isEmpty {
            lines.append("No package changed.")
        } else {
            lines += ["| Change | Package | Type | Comparison | Analyzed |", "| --- | --- | --- | --- | --- |"]
            for change in comparison.packages {
                lines.append("| \(change.kind.rawValue) | \(esc(change.name)) | \(change.type.rawValue) | \(esc(change.from ?? "")) | \(esc(change.to ?? "")) |")
            }
        }
        lines += ["", "### Vulnerabilities", ""]
        if comparison.vulnerabilities.isEmpty {
            lines.append("No vulnerability changed.")
        } else {
            lines += ["| Change | Severity | Vulnerability | Package | Version |", "| --- | --- | --- | --- | --- |"]
            for change in comparison.vulnerabilities {
                lines.append("| \(change.kind.rawValue) | \(change.severity.rawValue) | [\(change.id)](\(TextLayout.vulnerabilityLink(change.id))) | \(esc(change.package)) | \(esc(change.version)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ comparison: ImageComparison) throws -> String {
        try JSONOutput.encode(comparison, format: "comparison JSON", subject: comparison.analyzed.name)
    }

    private static func versionText(_ change: ImageComparison.PackageChange) -> String {
        switch (change.from, change.to) {
        case (nil, let to?): to
        case (let from?, nil): from
        case (let from?, let to?): "\(from) → \(to)"
        default: ""
        }
    }

    private static func difference(_ a: SeverityCounts, _ b: SeverityCounts) -> SeverityCounts {
        var delta = SeverityCounts()
        for severity in Severity.allCases { delta[severity] = a[severity] - b[severity] }
        return delta
    }

    private static func deltaCells(_ delta: SeverityCounts, unspecified: Bool) -> String {
        var bands = TextLayout.bands
        if unspecified { bands.append(.unspecified) }
        return bands.map { TextLayout.padLeft(delta[$0] == 0 ? "" : signed(delta[$0]), 6) }.joined(separator: " ")
    }

    private static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    private static func signedBytes(_ value: Int64) -> String {
        value < 0 ? "-" + TextLayout.humanBytes(-value) : "+" + TextLayout.humanBytes(value)
    }
}
