import ScoutModel

/// `scout-report sbom` layouts of Scout's own: `list` (Name, Version, Type table) and `json`.
public enum SBOMReport {
    /// The package table, sorted by name, version and type.
    ///
    /// ```
    ///          Name               Version       Type
    /// ───────────────────────────────────────────────
    ///   alpine-baselayout   3.2.0-r3           apk
    /// ```
    public static func list(_ image: ImageReport) -> String {
        let packages = image.sbom.packages.sorted {
            ($0.name, $0.version, $0.type.rawValue) < ($1.name, $1.version, $1.type.rawValue)
        }
        let nameWidth = max(4, packages.map(\.name.count).max() ?? 0)
        let versionWidth = max(7, packages.map(\.version.count).max() ?? 0)
        let typeWidth = max(4, packages.map(\.type.rawValue.count).max() ?? 0)
        var lines = [
            "  " + TextLayout.center("Name", nameWidth) + "  " + TextLayout.center("Version", versionWidth)
                + "  " + TextLayout.center("Type", typeWidth),
            String(repeating: "─", count: 2 + nameWidth + 2 + versionWidth + 2 + typeWidth + 2),
        ]
        for package in packages {
            lines.append("  " + TextLayout.pad(package.name, nameWidth) + "  " + TextLayout.pad(package.version, versionWidth)
                + "  " + package.type.rawValue)
        }
        return TextLayout.document(lines)
    }

    /// The SBOM as scout-report keeps it: image facts, operating system and packages (sorted).
    public static func json(_ image: ImageReport, toolVersion: String) throws -> String {
        var sbom = image.sbom
        sbom.packages.sort(by: SBOMOrder.precedes)
        let document = SBOMJSON(
            tool: .init(name: "scout-report", version: toolVersion), source: image.source,
            name: image.displayName, digest: image.digest, sbom: sbom)
        return try JSONOutput.encode(document, format: "SBOM JSON", subject: image.displayName)
    }
}

/// `sbom --format json`.
private struct SBOMJSON: Encodable {
    struct Tool: Encodable {
        var name: String
        var version: String
    }
    var tool: Tool
    var source: String
    var name: String
    var digest: String
    var sbom: ImageSBOM
}
