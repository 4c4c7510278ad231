import Dispatch
import Foundation

/// Rendered fragments shared by many pages (a package row, a vulnerability's block, an advisory's
/// Markdown): each is rendered once and reused by every page and every thread.
final class FragmentCache<Key: Hashable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: String] = [:]

    /// The cached text for `key`, rendering it with `make` the first time (outside the lock, so two
    /// threads may both render it once; both get the same text).
    func value(_ key: Key, make: () -> String) -> String {
        lock.lock()
        if let found = values[key] {
            lock.unlock()
            return found
        }
        lock.unlock()
        let made = make()
        lock.lock()
        values[key] = made
        lock.unlock()
        return made
    }

    /// Entries, misses and bytes of text held (for `SCOUT_SITE_TIMING`).
    var statistics: String {
        lock.lock()
        defer { lock.unlock() }
        let bytes = values.values.reduce(0) { $0 + $1.utf8.count }
        return "\(values.count) entries, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB of text"
    }
}
