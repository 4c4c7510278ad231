import ScoutModel

/// OpenVEX documents shipped inside images (`*.vex.json`, `*.openvex.json`): kept with the SBOM so every
/// re-evaluation applies them without reading the image again.
public enum ImageVEXFiles {
    /// Largest VEX document kept from an image.
    public static let maximumBytes = 4 << 20

    /// Whether a layer reader should keep the file at `path`.
    public static func wants(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".vex.json") || lower.hasSuffix(".openvex.json")
    }

    /// The VEX documents present in the final filesystem of `layers` (oldest first): a later layer
    /// replaces a path, and whiteouts and opaque directories remove it.
    public static func collect(_ layers: [LayerFiles]) -> [String: [UInt8]] {
        var present: [String: [UInt8]] = [:]
        for layer in layers {
            for path in present.keys {
                let removed = layer.whiteouts.contains(path)
                    || layer.whiteouts.contains { path.hasPrefix($0 + "/") }
                    || layer.opaqueDirectories.contains { path.hasPrefix($0 + "/") }
                if removed { present.removeValue(forKey: path) }
            }
            for (path, content) in layer.files where wants(path) && content.count <= maximumBytes {
                present[path] = content
            }
        }
        return present
    }
}
