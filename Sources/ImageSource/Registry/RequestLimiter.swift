import Foundation

/// Bounds the requests one registry has waiting for an answer, and holds all of them back while the
/// registry asked to be left alone (`Retry-After` on a 429 or 503).
///
/// One limiter per `RegistryClient`, so a busy registry slows only the work that reads from it.
final class RequestLimiter: @unchecked Sendable {
    /// Requests allowed in flight at once.
    let limit: Int
    private let condition = NSCondition()
    private var inFlight = 0
    private var resumeAt = Date.distantPast

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits for a free slot and for the end of any pause, then takes the slot.
    func acquire() {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if inFlight >= limit {
                condition.wait()
                continue
            }
            let now = Date()
            if now < resumeAt {
                _ = condition.wait(until: resumeAt)
                continue
            }
            inFlight += 1
            // A waiter woken for a slot while a pause lasted may have left others asleep: pass it on.
            if inFlight < limit { condition.signal() }
            return
        }
    }

    /// Gives a slot back: one waiter can take it (waking every waiter for one slot made the CPU of a
    /// scan grow with the limit).
    func release() {
        condition.lock()
        inFlight -= 1
        condition.signal()
        condition.unlock()
    }

    /// No request of this registry starts before `seconds` from now (a later pause already set stands).
    func pause(for seconds: TimeInterval) {
        guard seconds > 0 else { return }
        condition.lock()
        resumeAt = max(resumeAt, Date().addingTimeInterval(seconds))
        condition.broadcast()
        condition.unlock()
    }

    /// The time until requests may start again (0 when not paused).
    var remainingPause: TimeInterval {
        condition.lock()
        defer { condition.unlock() }
        return max(0, resumeAt.timeIntervalSinceNow)
    }
}
