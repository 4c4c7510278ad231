import Foundation

/// The threads of the local workers.
final class LocalWorkers: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0
    private var stopRequested = false

    var stopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopRequested
    }

    func start(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        running += 1
        condition.unlock()
        let thread = Thread { [self] in
            body()
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Asks the workers to stop after their current job; with `wait`, returns once they have.
    func stop(wait: Bool) {
        condition.lock()
        stopRequested = true
        if wait { while running > 0 { condition.wait() } }
        condition.unlock()
    }
}
