import Foundation

/// How many stored SBOMs (an image's package rows) reads have decoded, per store file, since the
/// process started: what tests read to prove that a warm scan decodes none. Counted per path because
/// every `ScoutStore` opened on one file (the job's, the test's) shares it.
final class StoreReadStatistics: @unchecked Sendable {
    static let shared = StoreReadStatistics()

    private let lock = NSLock()
    private var sboms: [String: Int] = [:]

    func countSBOMs(_ count: Int, path: String) {
        lock.lock()
        sboms[path, default: 0] += count
        lock.unlock()
    }

    func sbomsRead(path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return sboms[path] ?? 0
    }
}

extension ScoutStore {
    /// Stored SBOMs decoded from this store's file by this process so far (`images()` counts every
    /// image it returns, `image(digest:)` one).
    public var sbomsRead: Int { StoreReadStatistics.shared.sbomsRead(path: path) }
}
