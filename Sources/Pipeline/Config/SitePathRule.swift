import Foundation

/// Where the site may be published. Publishing replaces the site folder whole, so a site that is,
/// contains or lies above the configuration, the store or an input would delete them: such a path is
/// refused when the configuration is read. Paths are compared after symbolic links are resolved.
enum SitePathRule {
    /// The first protected path (`what`, `path`) that `site` is or contains, else nil.
    static func conflict(site: String, protected: [(what: String, path: String)]) -> (what: String, path: String)? {
        let siteReal = realPath(site)
        for entry in protected where contains(siteReal, realPath(entry.path)) {
            return entry
        }
        return nil
    }

    /// True when `folder` is `path` or one of its ancestors (both absolute and standardized).
    static func contains(_ folder: String, _ path: String) -> Bool {
        if folder == "/" { return true }
        return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// `path` with symbolic links resolved in its longest existing prefix; the rest appended as written.
    static func realPath(_ path: String) -> String {
        var existing = (path as NSString).standardizingPath
        var rest: [String] = []
        while !existing.isEmpty, existing != "/" {
            if let resolved = resolved(existing) {
                return rest.isEmpty ? resolved : (resolved as NSString).appendingPathComponent(rest.reversed().joined(separator: "/"))
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
