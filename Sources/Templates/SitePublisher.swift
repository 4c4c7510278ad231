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
    public static func publish(to site: URL, build: (URL) throws -> Void) throws {
        let site = site.standardizedFileURL
        let parent = site.deletingLastPathComponent()
        let fileManager = FileManager.default
        removeStaleStaging(beside: site)
        let staging = parent.appendingPathComponent(".\(site.lastPathComponent).new-\(UUID().uuidString)", isDirectory: true)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SiteError(reason: .publishFailed, path: site.path, detail: "cannot create '\(staging.path)': \(error.localizedDescription)")
        }
        do {
            try build(staging)
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
