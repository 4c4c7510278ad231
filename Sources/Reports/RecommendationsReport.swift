import ScoutModel

/// `scout-report recommendations`: Scout's header and, until base-image data exists, an honest
/// statement that there is none (no recommendation is invented).
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
        let base = image.baseImage
        switch base {
        case nil:
            lines.append("  No base image data: the base image of \(image.displayName) is not known, so no refresh or update can be recommended.")
        case let base?:
            lines.append("  Base image is \(base)")
            lines.append("  No base image data: no newer digest or other tag of \(base) has been analysed, so no refresh or update can be recommended.")
        }
        if mode != .onlyUpdate {
            lines += ["", "## Refresh base image", "", "  No base image data."]
        }
        if mode != .onlyRefresh {
            lines += ["", "## Change base image", "", "  No base image data."]
        }
        return TextLayout.document(lines)
    }
}
