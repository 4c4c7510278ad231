import ScoutModel

/// `docker scout cves --format markdown`: Scout's collapsible HTML-in-Markdown layout with
/// shields.io severity badges: the image reference table, then one `<details>` per vulnerable
/// source package (worst first) with a badge, range/fix/CVSS table and description per vulnerability.
///
/// Links go to NVD (CVE ids) or OSV (other ids) instead of scout.docker.com; values are HTML-escaped.
public enum MarkdownReport {
    /// Badge colours of Scout's markdown: critical, high, medium, low; zero counts are `lightgrey`.
    static func colour(_ severity: Severity) -> String {
        switch severity {
        case .critical: "8b1924"
        case .high: "e25d68"
        case .medium: "fbb552"
        case .low: "fce1a9"
        case .unspecified: "lightgrey"
        }
    }

    public static func render(_ image: ImageReport) -> String {
        let name = escape(image.displayName)
        let counts = image.findings.scoutCounts
        var lines = [
            "<h2>:mag: Vulnerabilities of <code>\(name)</code></h2>",
            "",
            "<details open=\"true\"><summary>:package: Image Reference</strong> <code>\(name)</code></summary>",
            "<table>",
            "<tr><td>digest</td><td><code>\(escape(image.digest))</code></td><tr>"
                + "<tr><td>vulnerabilities</td><td>\(badges(counts, short: false))</td></tr>",
        ]
        if let platform = image.sbom.metadata.platform {
            lines.append("<tr><td>platform</td><td>\(escape(platform.description))</td></tr>")
        }
        lines += [
            "<tr><td>size</td><td>\(TextLayout.humanBytes(image.sbom.metadata.size))</td></tr>",
            "<tr><td>packages</td><td>\(image.sbom.packages.count)</td></tr>",
            "</table>",
            "</details></table>",
            "</details>",
            "",
        ]
        let reasons = image.sbom.incompleteReasons
        if !reasons.isEmpty {
            lines += ["> [!WARNING]", "> **\(escape(IncompleteNotice.headline(reasons.count)))**", ">"]
            lines += reasons.map { "> - \(escape($0.message))" }
            lines.append("")
        }
        if !image.evaluationWarnings.isEmpty {
            lines += ["> [!NOTE]", "> **\(escape(EvaluationNotice.headline(image.evaluationWarnings.count)))**", ">"]
            lines += image.evaluationWarnings.map { "> - \(escape($0.message))" }
            lines.append("")
        }
        lines.append("<table>")
        let groups = image.findings.groupedBySourcePackage
        for (position, group) in groups.enumerated() {
            if position > 0 { lines.append("") }
            lines += packageRow(group)
        }
        lines.append("</table>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `<img alt="critical: 1" src="https://img.shields.io/badge/critical-1-8b1924"/> …`; the
    /// unspecified badge only when non-zero (Scout writes an HTML comment instead).
    static func badges(_ counts: SeverityCounts, short: Bool) -> String {
        var parts = TextLayout.bands.map { band -> String in
            let count = counts[band]
            let label = short ? band.letter : band.rawValue
            return "<img alt=\"\(band.rawValue): \(count)\" src=\"https://img.shields.io/badge/\(label)-\(count)-\(count == 0 ? "lightgrey" : colour(band))\"/>"
        }
        if counts.unspecified == 0 {
            parts.append("<!-- unspecified: 0 -->")
        } else {
            let label = short ? "%3F" : "unspecified"
            parts.append("<img alt=\"unspecified: \(counts.unspecified)\" src=\"https://img.shields.io/badge/\(label)-\(counts.unspecified)-lightgrey\"/>")
        }
        return parts.joined(separator: " ")
    }

    private static func packageRow(_ group: PackageFindings) -> [String] {
        var lines = [
            "<tr><td valign=\"top\">",
            "<details><summary>\(badges(group.counts, short: true))<strong>\(escape(group.name))</strong> "
                + "<code>\(escape(group.version))</code> (\(group.type.rawValue))</summary>",
            "",
            "<small><code>\(escape(group.purl))</code></small><br/>",
        ]
        for (position, finding) in group.findings.enumerated() {
            if position > 0 { lines.append("") }
            lines += vulnerability(finding)
        }
        lines.append("</details></td></tr>")
        return lines
    }

    private static func vulnerability(_ finding: Finding) -> [String] {
        let id = finding.vulnerabilityID
        let badgeID = id.replacingOccurrences(of: "-", with: "--").replacingOccurrences(of: "_", with: "__")
        let severity = finding.severity.rawValue
        var lines = [
            "<a href=\"\(TextLayout.vulnerabilityLink(id))\"><img alt=\"\(severity) : \(escape(badgeID))\" "
                + "src=\"https://img.shields.io/badge/\(escape(badgeID))-lightgrey?label=\(severity)%20&labelColor=\(colour(finding.severity))\"/></a> ",
            "",
            "<table>",
            "<tr><td>Affected range</td><td><code>\(TextLayout.rangeParts(finding.affectedRange).map(escape).joined(separator: "<br/>"))</code></td></tr>",
            "<tr><td>Fixed version</td><td><code>\(escape(finding.fixedVersionDisplay))</code></td></tr>",
        ]
        if let score = finding.cvssScore {
            lines.append("<tr><td>CVSS Score</td><td><code>\(TextLayout.formatOneDecimal(score))</code></td></tr>")
        }
        if let vector = finding.cvssVector {
            lines.append("<tr><td>CVSS Vector</td><td><code>\(escape(vector))</code></td></tr>")
        }
        lines.append("</table>")
        if let description = finding.details ?? finding.summary, !description.isEmpty {
            lines += ["", "<details><summary>Description</summary>", "<blockquote>", "",
                      escape(description), "", "</blockquote>", "</details>"]
        }
        return lines
    }

    /// Escapes `&`, `<`, `>` and `"` for HTML text and attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
