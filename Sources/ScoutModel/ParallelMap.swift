import Dispatch
import Foundation

/// Runs independent jobs on every core and returns their results in order (layers of an image, advisory
/// records, images to match, pages' shared rows).
public enum ParallelMap {
    /// `body(0) … body(count - 1)`, one job per index run concurrently; results kept in order. For a few
    /// large jobs (an image's layers) or many that should spread evenly.
    public static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(body(index), at: index)
        }
        return slots.values()
    }

    /// `transform` of every element, computed in contiguous chunks on every core; order kept.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let chunks = chunkCount(items.count)
        guard chunks > 1 else { return items.map(transform) }
        let slots = Slots<[R]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = bounds(of: chunk, chunks: chunks, count: items.count)
            slots.store(items[range].map(transform), at: chunk)
        }
        return slots.values().flatMap { $0 }
    }

    /// `body` of contiguous ranges covering `0..<count`, run on every core; the ranges' results joined
    /// in order. A chunk can keep its own state (a cache) across its items.
    public static func chunks<R: Sendable>(_ count: Int, _ body: @Sendable (Range<Int>) -> [R]) -> [R] {
        let chunks = chunkCount(count)
        guard chunks > 1 else { return body(0..<count) }
        let slots = Slots<[R]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            slots.store(body(bounds(of: chunk, chunks: chunks, count: count)), at: chunk)
        }
        return slots.values().flatMap { $0 }
    }

    /// Chunks for `count` items: a few per core (so an uneven chunk does not idle a core), none empty.
    static func chunkCount(_ count: Int) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, count > 1 else { return 1 }
        return min(count, cores * 4)
    }

    static func bounds(of chunk: Int, chunks: Int, count: Int) -> Range<Int> {
        (chunk * count / chunks)..<((chunk + 1) * count / chunks)
    }
}

/// One slot per job; each job writes only its own slot, so no lock is needed.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ value: T, at index: Int) { buffer[index] = value }

    func values() -> [T] { buffer.map { $0! } }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}
