import Foundation

/// What the layers of one image may keep in memory together (the wanted files' bytes), shared by
/// the layers read in parallel: a reservation that would pass `limit` is refused.
public final class HeldBytesBudget: Sendable, Hashable {
    public let limit: Int64
    private let state = LockedCount()

    public init(limit: Int64) {
        self.limit = limit
    }

    /// Bytes reserved so far.
    public var used: Int64 { state.value }

    /// Reserves `count` bytes; false (and nothing reserved) when that would pass the limit.
    public func reserve(_ count: Int64) -> Bool {
        state.add(count, upTo: limit)
    }

    /// Gives back bytes no longer held (a layer that failed, whose files were dropped).
    public func release(_ count: Int64) {
        _ = state.add(-count, upTo: .max)
    }

    public static func == (lhs: HeldBytesBudget, rhs: HeldBytesBudget) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A counter behind a lock.
private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int64 = 0

    var value: Int64 { lock.withLock { count } }

    func add(_ amount: Int64, upTo limit: Int64) -> Bool {
        lock.withLock {
            guard amount <= limit - count else { return false }
            count += amount
            return true
        }
    }
}
