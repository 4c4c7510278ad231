import ScoutModel

/// The wanted files of an image as its layers stack up: later files replace earlier ones,
/// whiteouts and opaque directories delete what lies below them.
struct LayeredFilesystem {
    private(set) var files: [String: [UInt8]] = [:]

    /// Applies one layer on top; returns the paths whose content changed or vanished.
    mutating func apply(_ layer: LayerFiles) -> Set<String> {
        var changed: Set<String> = []
        for directory in layer.opaqueDirectories {
            changed.formUnion(remove(under: directory, includingItself: false))
        }
        for path in layer.whiteouts {
            changed.formUnion(remove(under: path, includingItself: true))
        }
        for (path, content) in layer.files where files[path] != content {
            files[path] = content
            changed.insert(path)
        }
        return changed
    }

    private mutating func remove(under path: String, includingItself: Bool) -> [String] {
        let prefix = path.isEmpty ? "" : path + "/"
        let doomed = files.keys.filter { (includingItself && $0 == path) || $0.hasPrefix(prefix) }
        for key in doomed { files.removeValue(forKey: key) }
        return doomed
    }
}
