import Foundation

/// Pulls its base on a thread of its own, a few chunks ahead, so reading, hashing and inflating a layer
/// blob run on one core while the tar stream is hashed and parsed on another.
///
/// Errors of the base reach the reader in order, after the chunks before them. `finish()` stops the
/// thread and hands the base back (an enclosing archive goes on reading from it).
struct PipelinedSource<Base: ByteChunkSource>: ByteChunkSource {
    private let pipe: Pipe<Base>

    /// Starts pulling `base` at once, keeping at most `depth` chunks waiting.
    init(_ base: Base, depth: Int = 4) {
        pipe = Pipe(base: base, depth: depth)
        let pipe = self.pipe
        let job = ThreadJob { pipe.produce() }
        let thread = Thread { job.run() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        try pipe.take()
    }

    /// Stops the producer (if it still runs), waits for it, and returns the base where it stopped.
    func finish() -> Base {
        pipe.stopAndWait()
    }
}

/// The queue between the producer thread and the reader.
private final class Pipe<Base: ByteChunkSource>: @unchecked Sendable {
    private enum Item {
        case chunk(ArraySlice<UInt8>)
        case end
        case failure(any Error)
    }

    private let condition = NSCondition()
    private var base: Base
    private var queue: [Item] = []
    private var head = 0
    private let depth: Int
    private var stopped = false
    private var done = false

    init(base: Base, depth: Int) {
        self.base = base
        self.depth = max(1, depth)
    }

    /// Runs on the producer thread until the base ends, fails, or the reader stops it.
    func produce() {
        while true {
            condition.lock()
            while queue.count - head >= depth, !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { break }
            let item: Item
            do {
                item = try base.nextChunk().map(Item.chunk) ?? .end
            } catch {
                item = .failure(error)
            }
            condition.lock()
            queue.append(item)
            condition.broadcast()
            condition.unlock()
            if case .chunk = item { continue }
            break
        }
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    func take() throws -> ArraySlice<UInt8>? {
        condition.lock()
        while head == queue.count { condition.wait() }
        let item = queue[head]
        if case .chunk = item {
            queue[head] = .end  // drop the reference at once: taken chunks must not pile up in memory
            head += 1
        }  // the end and a failure stay, for later calls
        if head > 64 {
            queue.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        condition.unlock()
        switch item {
        case .chunk(let chunk): return chunk
        case .end: return nil
        case .failure(let error): throw error
        }
    }

    func stopAndWait() -> Base {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
        return base
    }
}

/// A job for a thread: hides the generic producer from the thread's `@Sendable` closure (the pipe is
/// owned by that thread until `stopAndWait`).
private final class ThreadJob: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
