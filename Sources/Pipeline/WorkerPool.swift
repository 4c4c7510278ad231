import Foundation

/// Runs blocking jobs (registry requests, image reads) on a fixed number of threads, and hands their
/// results back in job order, so what is stored never depends on which job finished first.
///
/// `ParallelMap` suits work that keeps a core busy; these jobs mostly wait on the network, so they get
/// threads of their own (as many as the registries allow requests in flight), not one per core.
enum WorkerPool {
    /// `body(0) … body(count - 1)` on `width` threads; results in index order.
    static func map<T: Sendable>(count: Int, width: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        forEachInOrder(count: count, width: width, window: count, work: body) { _, value in results.append(value) }
        return results
    }

    /// Runs `work` for every index on `width` threads and `commit` on the calling thread, in index
    /// order, as results come in. At most `window` results wait for their turn (memory stays bounded
    /// however many jobs there are). With `width` 1 everything runs on the calling thread, one job
    /// after another. When `commit` throws, no further job starts, running ones finish, and the
    /// error is rethrown.
    static func forEachInOrder<T: Sendable, E: Error>(count: Int, width: Int, window: Int, work: @escaping @Sendable (Int) -> T,
                                                      commit: (Int, T) throws(E) -> Void) throws(E) {
        guard count > 0 else { return }
        let width = min(max(1, width), count)
        guard width > 1 else {
            for index in 0..<count { try commit(index, work(index)) }
            return
        }
        let queue = OrderedSlots<T>(count: count, window: max(window, width), workers: width)
        for _ in 0..<width {
            let thread = Thread { queue.runWorker(work) }
            thread.stackSize = 4 << 20
            thread.start()
        }
        defer { queue.waitForWorkers() }
        for index in 0..<count {
            let value = queue.take(index)
            do {
                try commit(index, value)
            } catch {
                queue.stop()
                throw error
            }
        }
    }
}

/// The shared state of one `forEachInOrder`: which index is next to start, which next to commit,
/// and the results waiting in between.
private final class OrderedSlots<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var slots: [T?]
    private var filled: [Bool]
    private var nextToStart = 0
    private var nextToCommit = 0
    private var stopped = false
    private var workers: Int

    init(count: Int, window: Int, workers: Int) {
        self.count = count
        self.window = window
        self.workers = workers
        slots = Array(repeating: nil, count: count)
        filled = Array(repeating: false, count: count)
    }

    /// One worker thread: claims indexes until none is left (or the run stopped).
    func runWorker(_ work: @Sendable (Int) -> T) {
        condition.lock()
        while true {
            if stopped || nextToStart >= count { break }
            if nextToStart >= nextToCommit + window {
                condition.wait()
                continue
            }
            let index = nextToStart
            nextToStart += 1
            condition.unlock()
            let value = work(index)
            condition.lock()
            slots[index] = value
            filled[index] = true
            condition.broadcast()
        }
        workers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the result of `index` and takes it out.
    func take(_ index: Int) -> T {
        condition.lock()
        defer { condition.unlock() }
        while !filled[index] { condition.wait() }
        let value = slots[index]!
        slots[index] = nil
        nextToCommit = index + 1
        condition.broadcast()
        return value
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Returns once every worker has left.
    func waitForWorkers() {
        condition.lock()
        defer { condition.unlock() }
        while workers > 0 { condition.wait() }
    }
}
