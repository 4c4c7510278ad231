import Foundation

/// How many bytes the archive readers of one image may still inflate, shared by every zip entry and
/// nested archive of every file in the image (hard links and copies included), so a small hostile image
/// costs seconds, not minutes. What was skipped once the budget ran out is remembered for a warning.
public final class InflateBudget: @unchecked Sendable, Hashable {
    /// Bytes inflated per image by default: 1 GiB (about 3 s of zlib here); the largest real images we
    /// read (Jenkins with its plugins, fat Spring Boot jars) inflate a few hundred MiB of nested archives.
    public static let defaultBytes = 1 << 30

    public let limit: Int
    private let lock = NSLock()
    private var spentBytes = 0
    private var skippedPaths: Set<String> = []

    public init(limit: Int = InflateBudget.defaultBytes) {
        self.limit = limit
    }

    /// Bytes still available (never negative).
    public var remaining: Int {
        lock.withLock { max(0, limit - spentBytes) }
    }

    /// Bytes charged so far (inflated, or the limit an inflation stopped at).
    public var spent: Int {
        lock.withLock { spentBytes }
    }

    /// Image paths of the files an archive reader left partly unread because the budget ran out, sorted.
    public var skipped: [String] {
        lock.withLock { skippedPaths.sorted() }
    }

    public func charge(_ bytes: Int) {
        lock.withLock { spentBytes += max(0, bytes) }
    }

    /// Notes that something inside the file at `path` was not inflated for want of budget.
    public func skip(_ path: String) {
        _ = lock.withLock { skippedPaths.insert(path) }
    }

    public static func == (lhs: InflateBudget, rhs: InflateBudget) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
