import ScoutModel

/// `scout-report recommendations`: the base image card, then "Refresh base image" and "Change base
/// image" from the base-image summary; says plainly when there is no base data (nothing is invented).
public enum RecommendationsReport {
    public enum Mode: Sendable {
        case all, onlyRefresh, onlyUpdate
    }

    public static func render(_ image: ImageReport, mode: Mode) -> String {
        let counts = image.findings.scoutCounts
        var lines = [
            "## Recommended fixes", "",
            "  Recommended fixes for image \(image.displayName)", "",
            TextLayout.pad("  Target", 20) + "│  \(image.displayName)",
            TextLayout.pad("    digest", 20) + "│  \(image.digest.shortDigest)",
            TextLayout.pad("    vulnerabilities", 20) + "│" + TextLayout.countCells(counts, unspecified: counts.unspecified != 0),
            "", "",
        ]
        guard let summary = image.base else {
            if let name = image.baseImage {
                lines.append("  Base image is \(name)")
                lines.append("  No base image data: no newer digest or other tag of \(name) has been analysed, so no refresh or update can be recommended.")
            } else {
                lines.append("  No base image data: the base image of \(image.displayName) is not known, so no refresh or update can be recommended.")
            }
            if mode != .onlyUpdate { lines += ["", "## Refresh base image", "", "  No base image data."] }
            if mode != .onlyRefresh { lines += ["", "## Change base image", "", "  No base image data."] }
            return TextLayout.document(lines)
        }
        let base = summary.base
        lines.append("  Base image is \(base.reference.displayName)" + (summary.autoDetected ? " (auto-detected from layers)" : ""))
        lines.append("")
        lines += card(base)
        if mode != .onlyUpdate {
            lines += ["", "## Refresh base image", "", "  Rebuild the image using a newer base image version."]
            if let refreshed = summary.refreshed {
                lines += ["", "  Newer image for \(refreshed.reference.displayName) is available", ""] + card(refreshed, against: base)
            } else if summary.upToDate == true {
                lines += ["", "  ✓ This image version is up to date."]
            } else {
                lines += ["", "  No base image data: whether \(base.reference.displayName) has a newer digest is not known."]
            }
        }
        if mode != .onlyRefresh {
            lines += ["", "## Change base image", ""]
            if let updated = summary.updated {
                lines += ["  The following base image is recommended: the same flavour, a newer version, fewest critical and high vulnerabilities.", ""]
                lines += card(updated, against: base)
            } else {
                lines.append("  No other tag of \(base.reference.repository ?? base.reference.displayName) with the same flavour and a newer version has been analysed.")
            }
        }
        return TextLayout.document(lines)
    }

    /// Scout's card: name, digest, vulnerabilities (and the change against the current base), created,
    /// size, packages, flavour.
    static func card(_ candidate: BaseImageCandidate, against current: BaseImageCandidate? = nil) -> [String] {
        var rows: [(String, String)] = [("Name", candidate.reference.displayName)]
        if let digest = candidate.reference.digest { rows.append(("Digest", digest.shortDigest)) }
        if let counts = candidate.counts {
            rows.append(("Vulnerabilities", TextLayout.countCells(counts, unspecified: counts.unspecified != 0).trimmingLeadingSpaces))
            if current != nil, let delta = candidate.delta {
                rows.append(("Benefits", benefit(delta)))
            }
        }
        if let created = candidate.created { rows.append(("Created", created)) }
        if let size = candidate.size { rows.append(("Size", TextLayout.humanBytes(size))) }
        if let packages = candidate.packageCount { rows.append(("Packages", String(packages))) }
        if let flavour = candidate.flavour, !flavour.isEmpty { rows.append(("Flavor", flavour)) }
        return rows.map { TextLayout.pad("    " + $0.0, 20) + "│  " + $0.1 }
    }

    static func benefit(_ delta: SeverityCounts) -> String {
        let fixed = -(delta.critical + delta.high + delta.medium + delta.low + delta.unspecified)
        if fixed > 0 { return "Image contains \(fixed) fewer vulnerabilities" }
        if fixed < 0 { return "Image contains \(-fixed) more vulnerabilities" }
        return "Same number of vulnerabilities"
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
