import Foundation

/// Renews a claimed job's lease from a thread of its own (with its own connection) while the worker
/// reads the image, so a large layer streaming for longer than the lease does not lose the job.
/// Renewal happens every third of the lease; once a renewal finds the job claimed by another worker,
/// `lost` is set and renewing stops.
public final class LeaseKeeper: @unchecked Sendable {
    private let queue: WorkQueue
    private let job: QueueJob
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false
    private var lostLease = false

    /// Starts renewing `job` through `queue` (a connection the worker does not use itself).
    public init(queue: WorkQueue, job: QueueJob) {
        self.queue = queue
        self.job = job
        let thread = Thread { [self] in run() }
        thread.name = "lease \(job.id)"
        thread.start()
    }

    /// True once a renewal found the job no longer this worker's.
    public var lost: Bool {
        condition.lock()
        defer { condition.unlock() }
        return lostLease
    }

    /// Stops renewing and waits for the thread to leave.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        let interval = max(queue.lease / 3, 0.05)
        condition.lock()
        while !stopped {
            _ = condition.wait(until: Date().addingTimeInterval(interval))
            if stopped { break }
            condition.unlock()
            // A renewal that fails (the database restarting) is tried again at the next tick.
            let held = (try? queue.renew(job)) ?? true
            condition.lock()
            if !held {
                lostLease = true
                break
            }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
