import ScoutModel

extension CVEsReport {
    /// The `only-packages` table of Scout's documentation: one row per source package, sorted by
    /// name, columns sized to their content.
    ///
    /// ```
    ///      Name            Version         Type        Vulnerabilities
    /// ───────────────────────────────────────────────────────────────────────────
    ///   dpkg        1.19.7                 deb      1C     0H     0M     0L
    /// ```
    public static func onlyPackages(_ image: ImageReport, onlyVulnPackages: Bool) -> String {
        var rows: [PackageKey: SeverityCounts] = [:]
        if !onlyVulnPackages {
            for package in image.sbom.packages {
                rows[PackageKey(name: package.matchName, version: package.matchVersion, type: package.type)] = SeverityCounts()
            }
        }
        for group in image.findings.groupedBySourcePackage {
            rows[PackageKey(name: group.name, version: group.version, type: group.type)] = group.counts
        }
        let keys = rows.keys.sorted()
        let unspecified = rows.values.contains { $0.unspecified != 0 }

        let nameWidth = max(4, keys.map { $0.name.count }.max() ?? 0)
        let versionWidth = max(7, keys.map { $0.version.count }.max() ?? 0)
        let typeWidth = max(4, keys.map { $0.type.rawValue.count }.max() ?? 0)
        // The count cells without the leading space of the first `%5d`.
        let cellsWidth = TextLayout.countCells(SeverityCounts(), unspecified: unspecified).count - 1

        let header = "  " + TextLayout.center("Name", nameWidth)
            + "  " + TextLayout.center("Version", versionWidth)
            + "  " + TextLayout.center("Type", typeWidth)
            + "  " + TextLayout.center("Vulnerabilities", cellsWidth)
        let rowWidth = 2 + nameWidth + 2 + versionWidth + 2 + typeWidth + 2 + cellsWidth
        // Scout's documented example draws the rule six characters past the rows.
        var lines = [header, String(repeating: "─", count: rowWidth + 6)]
        for key in keys {
            lines.append("  " + TextLayout.pad(key.name, nameWidth)
                + "  " + TextLayout.pad(key.version, versionWidth)
                + "  " + TextLayout.pad(key.type.rawValue, typeWidth)
                + " " + TextLayout.countCells(rows[key]!, unspecified: unspecified))
        }
        let notice = IncompleteNotice.lines(image)
        if !notice.isEmpty { lines += [""] + notice }
        let undecided = EvaluationNotice.lines(image)
        if !undecided.isEmpty { lines += [""] + undecided }
        return TextLayout.document(lines)
    }
}

/// A row of the `only-packages` table: a source package.
private struct PackageKey: Hashable, Comparable {
    var name: String
    var version: String
    var type: PackageType

    static func < (lhs: PackageKey, rhs: PackageKey) -> Bool {
        (lhs.name, lhs.version, lhs.type.rawValue) < (rhs.name, rhs.version, rhs.type.rawValue)
    }
}
