import Foundation
@testable import ImageSource
@testable import Pipeline
import Testing

/// The pieces that make a concurrent scan safe: results committed in job order, a per-registry
/// bound on requests in flight, and a `Retry-After` that holds back its own registry only.
@Suite(.serialized) struct ConcurrencyUnitTests {
    /// Jobs finishing in reverse order are still committed 0, 1, 2, …, with no more than `window` waiting.
    @Test func workerPoolCommitsInJobOrderWithinItsWindow() {
        let count = 40
        let started = Counter()
        var committed: [Int] = []
        var mostAhead = 0
        WorkerPool.forEachInOrder(count: count, width: 6, window: 8, work: { index -> Int in
            started.increment()
            // Later jobs finish first within each batch of threads.
            Thread.sleep(forTimeInterval: Double((count - index) % 7) * 0.003)
            return index * index
        }, commit: { (index: Int, value: Int) in
            #expect(value == index * index)
            committed.append(index)
            mostAhead = max(mostAhead, started.value - committed.count)
        })
        #expect(committed == Array(0..<count))
        #expect(mostAhead <= 8, "at most `window` results wait for their turn")
        #expect(WorkerPool.map(count: 100, width: 5) { $0 * 2 } == (0..<100).map { $0 * 2 })
    }

    /// A registry allows `max-concurrent-requests` in flight: a further request waits for a slot.
    @Test func theLimiterBoundsRequestsInFlight() {
        let limiter = RequestLimiter(limit: 3)
        let inFlight = Counter(), most = Counter()
        _ = WorkerPool.map(count: 12, width: 12) { _ in
            limiter.acquire()
            most.raise(to: inFlight.increment())
            Thread.sleep(forTimeInterval: 0.05)
            inFlight.decrement()
            limiter.release()
        }
        #expect(most.value == 3)
    }

    /// Registry A answers one tag list 503 with `Retry-After: 4`: A's other requests wait for it too,
    /// while registry B (another client) answers at once.
    @Test func retryAfterSlowsThatRegistryOnly() throws {
        let registry = try TestRegistry(auth: .none)
        defer { registry.stop() }
        let busy = try TestProxy(upstream: registry, arguments: ["--fail", "/v2/slow/tags/list:1", "--retry-after", "4"])
        defer { busy.stop() }
        let calm = try TestProxy(upstream: registry)
        defer { calm.stop() }
        let a = RegistryClient(endpoint: try RegistryEndpoint(name: "a", url: "http://\(busy.address)", insecure: false))
        let b = RegistryClient(endpoint: try RegistryEndpoint(name: "b", url: "http://\(calm.address)", insecure: false))
        let timings = Timings()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { _ = try? a.tags(of: "slow") }
        // Once registry A asked for its pause, ask both registries for something else.
        let deadline = Date().addingTimeInterval(30)
        while a.limiter.remainingPause == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let pause = a.limiter.remainingPause
        #expect(pause > 3, "the 503's Retry-After paused registry A")
        for (name, client) in [("a", a), ("b", b)] {
            DispatchQueue.global().async(group: group) {
                let start = Date()
                _ = try? client.tags(of: "other")
                timings.set(name, Date().timeIntervalSince(start))
            }
        }
        group.wait()
        let seconds = timings.values
        let held = try #require(seconds["a"]), free = try #require(seconds["b"])
        #expect(held >= pause - 0.5, "registry A's other request waited for the pause: \(seconds)")
        #expect(free < held - 2, "registry B was not slowed: \(seconds)")
        #expect(a.statistics.retries == 1 && b.statistics.retries == 0)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    @discardableResult func increment() -> Int { lock.withLock { count += 1; return count } }
    func decrement() { lock.withLock { count -= 1 } }
    func raise(to candidate: Int) { lock.withLock { count = max(count, candidate) } }
}

private final class Timings: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: [String: TimeInterval] = [:]
    var values: [String: TimeInterval] { lock.withLock { seconds } }
    func set(_ name: String, _ value: TimeInterval) { lock.withLock { seconds[name] = value } }
}
