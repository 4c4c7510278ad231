import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishes a site all at once: readers see the old site or the new one, never half of either.
public enum SitePublisher {
    /// Builds into a fresh temporary folder beside `site` (same filesystem), then swaps it in whole:
    /// an atomic exchange (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on
    /// macOS) when `site` exists, a plain rename when it does not; the old site is then deleted.
    /// When `build` throws, the previous site is left untouched and the temporary folder removed.
    ///
    /// Only a folder this publisher made is ever replaced: it holds the `markerName` file (or, for a
    /// site published before the marker existed, the index pages and assets). A missing or empty folder
    /// is fine; any other folder, a file or a symbolic link at `site` is refused untouched.
    public static func publish(to site: URL, build: (URL) throws -> Void) throws {
        let site = site.standardizedFileURL
        let parent = site.deletingLastPathComponent()
        let fileManager = FileManager.default
        try checkReplaceable(site)
        removeStaleStaging(beside: site)
        let staging = parent.appendingPathComponent(".\(site.lastPathComponent).new-\(UUID().uuidString)", isDirectory: true)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SiteError(reason: .publishFailed, path: site.path, detail: "cannot create '\(staging.path)': \(error.localizedDescription)")
        }
        do {
            try build(staging)
            try Data(markerText.utf8).write(to: staging.appendingPathComponent(markerName))
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }

        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: site.path, isDirectory: &isDirectory) {
            if let failure = exchange(staging.path, site.path) {
                try? fileManager.removeItem(at: staging)
                throw SiteError(reason: .publishFailed, path: site.path, detail: "atomic exchange failed: \(failure)")
            }
            // `staging` now holds the previous site.
            try? fileManager.removeItem(at: staging)
        } else if rename(staging.path, site.path) != 0 {
            let failure = String(cString: strerror(errno))
            try? fileManager.removeItem(at: staging)
            throw SiteError(reason: .publishFailed, path: site.path, detail: "rename failed: \(failure)")
        }
    }

    /// The file that marks a folder as a published site (and so safe to replace whole).
    public static let markerName = ".scout-report-site"
    static let markerText = "This folder is a site published by scout-report. Every run replaces it whole: keep nothing else here.\n"

    /// Throws unless `site` is missing, an empty folder, or a site published here before.
    static func checkReplaceable(_ site: URL) throws {
        var status = stat()
        guard lstat(site.path, &status) == 0 else { return }
        let refuse = { (why: String) in SiteError(reason: .publishFailed, path: site.path, detail: why) }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: site.path)) ?? "?"
            throw refuse("it is a symbolic link (to '\(target)'); name the real folder in the configuration instead")
        case S_IFDIR:
            break
        default:
            throw refuse("it exists and is not a folder; remove it or choose another site folder")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []
        if names.isEmpty || names.contains(markerName) { return }
        // Sites published before the marker existed: the index pages, the JSON index and the assets.
        let legacy = ["index.html", "index.json", "settings.html", "assets"]
        if legacy.allSatisfy(names.contains) { return }
        throw refuse("the folder exists and was not published by scout-report (it has no '\(markerName)' file), and publishing replaces it whole; empty it, or choose another site folder")
    }

    /// Removes temporary folders that a killed earlier run left beside the site. Callers hold the run
    /// lock, so no other publisher is building into them.
    static func removeStaleStaging(beside site: URL) {
        let parent = site.deletingLastPathComponent()
        let prefix = ".\(site.lastPathComponent).new-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Swaps two paths atomically; returns the system's error text on failure.
    private static func exchange(_ first: String, _ second: String) -> String? {
        #if canImport(Glibc)
        // glibc 2.28+ has renameat2, but Swift's Glibc module does not import it.
        guard let renameat2 = Renameat2.function else { return "renameat2 is not available in this C library" }
        let flags: UInt32 = 1 << 1  // RENAME_EXCHANGE
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, flags) == 0 ? nil : String(cString: strerror(errno))
        #elseif canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0 ? nil : String(cString: strerror(errno))
        #else
        return "no atomic exchange on this platform"
        #endif
    }
}

#if canImport(Glibc)
/// `renameat2(2)` looked up once in the C library.
private enum Renameat2 {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
#endif
