import ScoutModel

/// `docker scout cves` text layouts: the default `packages` format, `only-packages`, and the
/// one-line summary Scout prints before them.
public enum CVEsReport {
    /// `✗ Detected 10 vulnerable packages with a total of 17 vulnerabilities`, or
    /// `✓ No vulnerable package detected`. Packages are source packages, as Scout counts them.
    public static func summaryLine(_ image: ImageReport) -> String {
        let groups = image.findings.groupedBySourcePackage
        let reasons = image.sbom.incompleteReasons
        if !reasons.isEmpty, groups.isEmpty { return "✗ " + IncompleteNotice.headline(reasons.count) }
        guard !groups.isEmpty else { return "✓ No vulnerable package detected" }
        let total = image.findings.scoutCounts.total
        let packages = groups.count == 1 ? "1 vulnerable package" : "\(groups.count) vulnerable packages"
        let vulnerabilities = total == 1 ? "1 vulnerability" : "\(total) vulnerabilities"
        return "✗ Detected \(packages) with a total of \(vulnerabilities)"
    }

    /// The default layout: an `## Overview` table, then `## Packages and Vulnerabilities` with one
    /// block per vulnerable source package (most urgent first) and the closing tally. With `locations`,
    /// each package block names the layers (`index: diffID`) and in-image paths it was found at.
    /// `order`: most urgent first (`FindingPriority`, the default) or Scout's severity order.
    public static func packages(_ image: ImageReport, locations: Bool = false, order: FindingOrder = .priority) -> String {
        var lines = overview(image)
        let notice = IncompleteNotice.lines(image)
        if !notice.isEmpty { lines += [""] + notice }
        let undecided = EvaluationNotice.lines(image)
        if !undecided.isEmpty { lines += [""] + undecided }
        lines += ["", "", "## Packages and Vulnerabilities", ""]
        let groups = image.findings.groupedBySourcePackage(order: order)
        guard !groups.isEmpty else {
            lines.append(notice.isEmpty ? "  No vulnerable package detected" : "  No vulnerable package detected in the layers that could be read")
            return TextLayout.document(lines)
        }
        for (position, group) in groups.enumerated() {
            if position > 0 { lines.append("") }
            lines += packageBlock(group, image: image, locations: locations)
        }
        lines += ["", ""]
        lines += tally(image.findings.scoutCounts, packages: groups.count)
        return TextLayout.document(lines)
    }

    // MARK: Overview

    /// Width of the label column, `  Target            ` and `    vulnerabilities `.
    private static let labelWidth = 20

    private static func overview(_ image: ImageReport) -> [String] {
        let metadata = image.sbom.metadata
        var rows: [(String, String)] = [
            ("  Target", "  \(image.displayName)"),
            ("    digest", "  \(image.digest.shortDigest)"),
        ]
        if let platform = metadata.platform { rows.append(("    platform", " \(platform)")) }
        let counts = image.findings.scoutCounts
        rows.append(("    vulnerabilities", TextLayout.countCells(counts, unspecified: counts.unspecified != 0)))
        rows.append(("    size", " \(TextLayout.humanBytes(metadata.size))"))
        rows.append(("    packages", " \(image.sbom.packages.count)"))
        if let base = image.baseImage { rows.append(("  Base image", "  \(base)")) }

        let valueWidth = max(30, (rows.map { $0.1.count }.max() ?? 0) + 2)
        let title = "Analyzed Image"
        let header = String(repeating: " ", count: (valueWidth - title.count) / 2 - 1) + title
        var lines = [
            "## Overview", "",
            String(repeating: " ", count: labelWidth) + "│" + header,
            String(repeating: "─", count: labelWidth) + "┼" + String(repeating: "─", count: valueWidth),
        ]
        for (label, value) in rows { lines.append(TextLayout.pad(label, labelWidth) + "│" + value) }
        return lines
    }

    // MARK: Packages

    private static func packageBlock(_ group: PackageFindings, image: ImageReport, locations: Bool) -> [String] {
        let counts = group.counts
        // Scout starts this line one column further left than its other count cells: `   1C     0H`.
        let cells = TextLayout.countCells(counts, unspecified: counts.unspecified != 0).dropFirst()
        var lines = [
            cells + "  \(group.name) \(group.version)",
            group.purl,
            "",
        ]
        if locations {
            let found = locationLines(group.packages, layers: image.sbom.metadata.layers)
            if !found.isEmpty { lines += found + [""] }
        }
        for finding in group.findings {
            lines += vulnerabilityBlock(finding)
            lines.append("    ")
        }
        return lines
    }

    /// `24: sha256:…` per layer (oldest first), each followed by `/path (evident by)` lines.
    private static func locationLines(_ packages: [Package], layers: [LayerInfo]) -> [String] {
        var pathsByLayer: [String: Set<String>] = [:]
        for package in packages {
            let layer = package.layerDiffID ?? ""
            pathsByLayer[layer, default: []].formUnion(package.locations)
        }
        func index(_ diffID: String) -> Int { layers.first { $0.diffID == diffID }?.index ?? Int.max }
        let ordered = pathsByLayer.keys.sorted { (index($0), $0) < (index($1), $1) }
        var lines: [String] = []
        for diffID in ordered {
            if !diffID.isEmpty {
                let position = index(diffID)
                lines.append(position == Int.max ? diffID : "\(position): \(diffID)")
            }
            lines += pathsByLayer[diffID, default: []].sorted().map { "/\($0) (evident by)" }
        }
        return lines
    }

    private static func vulnerabilityBlock(_ finding: Finding) -> [String] {
        var lines = [
            "    ✗ \(finding.severity.rawValue.uppercased()) \(finding.vulnerabilityID)",
            "      \(TextLayout.vulnerabilityLink(finding.vulnerabilityID))",
        ]
        for (position, part) in TextLayout.rangeParts(finding.affectedRange).enumerated() {
            lines.append(position == 0 ? "      Affected range : \(part)" : "                     : \(part)")
        }
        lines.append("      Fixed version  : \(finding.fixedVersionDisplay)")
        if let score = finding.cvssScore {
            lines.append("      CVSS Score     : \(TextLayout.formatOneDecimal(score))")
        }
        if let vector = finding.cvssVector {
            lines.append("      CVSS Vector    : \(vector)")
        }
        if let source = finding.severitySource {
            lines.append("      Severity from  : \(source)")
        }
        if let epss = finding.epss {
            lines.append("      EPSS Score     : \(epss.scoreDisplay)")
            lines.append("      EPSS Percentile: \(epss.percentileDisplay)")
        }
        if let kev = finding.kev {
            lines.append("      CISA KEV       : known exploited\(kev.dateAdded.map { ", added \($0)" } ?? "")")
        }
        return lines
    }

    /// `17 vulnerabilities found in 10 packages`, then one line per band, lowest first as Scout
    /// prints it, `UNSPECIFIED` only when there are some.
    private static func tally(_ counts: SeverityCounts, packages: Int) -> [String] {
        var bands: [Severity] = [.low, .medium, .high, .critical]
        if counts.unspecified != 0 { bands.insert(.unspecified, at: 0) }
        let labelWidth = bands.map { $0.rawValue.count }.max() ?? 0
        let countWidth = bands.map { String(counts[$0]).count }.max() ?? 0
        var lines = ["\(counts.total) vulnerabilities found in \(packages) packages"]
        for band in bands {
            let label = TextLayout.pad(band.rawValue.uppercased(), labelWidth)
            lines.append("  \(label)  \(TextLayout.pad(String(counts[band]), countWidth))  ")
        }
        return lines
    }
}
