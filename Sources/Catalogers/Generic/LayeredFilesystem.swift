import ScoutModel

/// The wanted files of an image as its layers stack up: later files replace earlier ones,
/// whiteouts and opaque directories delete what lies below them.
///
/// A whiteout costs what it removes, not what the image holds: every directory keeps the names of its
/// children, so deleting `a/b` walks the subtree under `a/b` only (a layer of 60,000 whiteouts over
/// 60,000 files is 60,000 look-ups, not 3.6 billion prefix comparisons).
struct LayeredFilesystem {
    private(set) var files: [String: [UInt8]] = [:]
    /// Directory path (`""` for the root) → names of the files and directories directly inside it.
    private var children: [String: Set<String>] = [:]

    /// Directory entries looked at by whiteouts so far (what the tests bound).
    private(set) var visitedByRemovals = 0

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
            if files.updateValue(content, forKey: path) == nil { link(path) }
            changed.insert(path)
        }
        return changed
    }

    /// Records `path` in its directory, and each missing ancestor in its own.
    private mutating func link(_ path: String) {
        var child = Substring(path)
        while true {
            let parent = child.lastIndex(of: "/").map { child[..<$0] } ?? ""
            let name = String(child[(child.lastIndex(of: "/").map { child.index(after: $0) } ?? child.startIndex)...])
            let inserted = children[String(parent), default: []].insert(name).inserted
            guard inserted, !parent.isEmpty else { return }
            child = parent
        }
    }

    /// Deletes the file at `path` (when `includingItself`) and everything below the directory `path`.
    private mutating func remove(under path: String, includingItself: Bool) -> [String] {
        var removed: [String] = []
        if includingItself, files.removeValue(forKey: path) != nil { removed.append(path) }
        var pending = [path]
        while let directory = pending.popLast() {
            guard let names = children.removeValue(forKey: directory) else { continue }
            for name in names {
                visitedByRemovals += 1
                let child = directory.isEmpty ? name : directory + "/" + name
                if files.removeValue(forKey: child) != nil { removed.append(child) }
                pending.append(child)
            }
        }
        if includingItself, !path.isEmpty {
            let slash = path.lastIndex(of: "/")
            let parent = slash.map { String(path[..<$0]) } ?? ""
            let name = String(path[(slash.map { path.index(after: $0) } ?? path.startIndex)...])
            children[parent]?.remove(name)
        }
        return removed
    }
}
