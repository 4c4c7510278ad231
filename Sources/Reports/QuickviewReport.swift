import ScoutModel

/// `docker scout quickview`'s classic layout: the image, its base image and, when known, what a
/// refreshed or updated base image would change.
///
/// ```
///   Your image  postgres:13.1                 │   17C    32H    35M    33L
///   Base image  debian:buster-slim            │    9C    14H     9M    23L
///   Refreshed base image  debian:buster-slim  │    0C     1H     6M    29L
///                                             │    -9    -13     -3     +6
/// ```
public enum QuickviewReport {
    /// The notice Scout prints when the base image was guessed from shared layers.
    public static let autoDetectedNotice =
        "    i Base image was auto-detected. To get more accurate results, build images with max-mode provenance attestations."

    /// Renders the table. Counts are Scout's (one per vulnerability per source package); the delta
    /// rows compare a refreshed or updated base image with the current base image.
    public static func render(
        image: ImageReport, base: ImageReport?, refreshedBase: ImageReport? = nil,
        updatedBase: ImageReport? = nil, baseAutoDetected: Bool = false
    ) -> String {
        var rows: [Row] = [Row(label: "Your image", name: image.displayName, counts: image.findings.scoutCounts)]
        let baseCounts = base?.findings.scoutCounts
        if let base {
            rows.append(Row(label: "Base image", name: base.displayName, counts: baseCounts!))
        }
        for (label, candidate) in [("Refreshed base image", refreshedBase), ("Updated base image", updatedBase)] {
            guard let candidate else { continue }
            let counts = candidate.findings.scoutCounts
            rows.append(Row(label: label, name: candidate.displayName, counts: counts,
                            delta: baseCounts.map { difference(counts, $0) }))
        }
        let showUnspecified = rows.contains { $0.counts.unspecified != 0 || ($0.delta?.unspecified ?? 0) != 0 }
        let nameWidth = rows.map { $0.label.count + 2 + $0.name.count }.max() ?? 0

        var lines: [String] = []
        if baseAutoDetected {
            lines.append(autoDetectedNotice)
            lines.append("")
        }
        for row in rows {
            let head = TextLayout.pad("  \(row.label)  \(row.name)", nameWidth + 2)
            lines.append("\(head)  │" + TextLayout.countCells(row.counts, unspecified: row.counts.unspecified != 0))
            if let delta = row.delta {
                let blank = String(repeating: " ", count: nameWidth + 2)
                lines.append("\(blank)  │" + deltaCells(delta, unspecified: showUnspecified))
            }
        }
        let notice = IncompleteNotice.lines(image)
        if !notice.isEmpty { lines += [""] + notice }
        let undecided = EvaluationNotice.lines(image)
        if !undecided.isEmpty { lines += [""] + undecided }
        return TextLayout.document(lines)
    }

    /// One line of the table.
    private struct Row {
        var label: String
        var name: String
        var counts: SeverityCounts
        var delta: SeverityCounts? = nil
    }

    /// `candidate - base` per band.
    private static func difference(_ candidate: SeverityCounts, _ base: SeverityCounts) -> SeverityCounts {
        var delta = SeverityCounts()
        for severity in Severity.allCases { delta[severity] = candidate[severity] - base[severity] }
        return delta
    }

    /// `    -9    -13     -3     +6`: signed, right-aligned under the band letter, zero blank.
    private static func deltaCells(_ delta: SeverityCounts, unspecified: Bool) -> String {
        var bands = TextLayout.bands
        if unspecified { bands.append(.unspecified) }
        return bands.map { band -> String in
            let value = delta[band]
            let text = value == 0 ? "" : (value > 0 ? "+\(value)" : "\(value)")
            return TextLayout.padLeft(text, 6)
        }.joined(separator: " ")
    }
}
