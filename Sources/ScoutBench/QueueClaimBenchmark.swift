import Foundation
import Queue

/// Claims per second on a queue of jobs that need no work: `workers` threads, each on its own
/// connection, claim a job and complete it with an empty document until none is left (the queue's own
/// cost per job: the claim's `FOR UPDATE SKIP LOCKED`, the fenced completion's transaction).
struct QueueClaimBenchmark {
    let url: String
    let jobs: Int
    let workers: Int

    func run() throws -> (seconds: Double, claims: Int) {
        let queue = try WorkQueue(url: url, lease: 60)
        let specs = (0..<jobs).map { number in
            QueueJobSpec(digest: "sha256:bench-\(UUID().uuidString)-\(number)", platform: "linux/amd64", registry: "bench",
                         repository: "bench", source: "registry://bench/bench:\(number)", size: Int64(number % 97))
        }
        _ = try queue.enqueue(specs, attempts: 3)
        let counter = Counter()
        let group = DispatchGroup()
        let start = Date()
        for worker in 0..<workers {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let own = try? WorkQueue(url: url, lease: 60) else { return }
                while let job = try? own.claim(worker: "bench-\(worker)") {
                    if (try? own.complete(job, document: [], warnings: "")) == true { counter.add() }
                }
            }.start()
        }
        group.wait()
        return (Date().timeIntervalSince(start), counter.value)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var count = 0

    func add() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
