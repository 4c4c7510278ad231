import Foundation
import Queue
import TestSupport
import Testing

/// The work queue against a real PostgreSQL 15 started by the test (issue 14).
@Suite(.serialized, .enabled(if: TestPostgres.missing == nil, "\(TestPostgres.missing ?? "")"))
struct WorkQueueTests {
    static func spec(_ number: Int, size: Int64) -> QueueJobSpec {
        QueueJobSpec(digest: "sha256:\(String(repeating: "0", count: 60))\(String(format: "%04d", number))", platform: "linux/amd64",
                     registry: "local", repository: "app", source: "registry://local/app:\(number)", size: size)
    }

    @Test func claimsTakeTheLargestJobFirstAndEachJobOnce() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let queue = try WorkQueue(url: server.url(), lease: 60)
        let ids = try queue.enqueue([Self.spec(1, size: 10), Self.spec(2, size: 30), Self.spec(3, size: 20)], attempts: 3)
        #expect(ids.count == 3 && Set(ids).count == 3)
        let order = try (0..<3).compactMap { _ in try queue.claim(worker: "w")?.spec.size }
        #expect(order == [30, 20, 10])
        #expect(try queue.claim(worker: "w") == nil)

        // Four workers on their own connections claim 200 jobs at once: each exactly once.
        _ = try queue.enqueue((10..<210).map { Self.spec($0, size: Int64($0 % 7)) }, attempts: 3)
        let claimed = Claimed()
        let group = DispatchGroup()
        for worker in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let own = try? WorkQueue(url: server.url(), lease: 60) else { return }
                while let job = try? own.claim(worker: "w\(worker)") { claimed.add(job.id) }
            }.start()
        }
        group.wait()
        #expect(claimed.ids.count == 200)
        #expect(Set(claimed.ids).count == 200)
    }

    @Test func aCompletionAfterTheLeaseWasLostIsRefusedAndChangesNothing() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let first = try WorkQueue(url: server.url(), lease: 1)
        let second = try WorkQueue(url: server.url(), lease: 60)
        let id = try #require(try first.enqueue([Self.spec(1, size: 1)], attempts: 3).first)
        let stale = try #require(try first.claim(worker: "stopped"))
        // While the lease lives, nobody else gets the job.
        #expect(try second.claim(worker: "other") == nil)
        Thread.sleep(forTimeInterval: 1.3)
        let fresh = try #require(try second.claim(worker: "other"))
        #expect(fresh.id == id && fresh.attempt == 2 && fresh.token > stale.token)
        #expect(try second.complete(fresh, document: Array("fresh".utf8), warnings: ""))
        #expect(try !first.complete(stale, document: Array("stale".utf8), warnings: "late"))
        #expect(try !first.renew(stale))
        let status = try #require(try first.statuses([id])[id])
        #expect(status.state == .done && status.completions == 1)
        #expect(try first.result(of: id).map { String(decoding: $0.document, as: UTF8.self) } == "fresh")
    }

    @Test func aHeartbeatKeepsTheLeaseAndAWorkerThatStopsLosesIt() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let queue = try WorkQueue(url: server.url(), lease: 1)
        let other = try WorkQueue(url: server.url(), lease: 1)
        _ = try queue.enqueue([Self.spec(1, size: 1)], attempts: 3)
        let job = try #require(try queue.claim(worker: "alive"))
        let keeper = LeaseKeeper(queue: try WorkQueue(url: server.url(), lease: 1), job: job)
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try other.claim(worker: "other") == nil, "claimed while the heartbeat renewed the lease")
        #expect(!keeper.lost)
        keeper.stop()
        Thread.sleep(forTimeInterval: 1.3)
        let again = try #require(try other.claim(worker: "other"))
        #expect(again.id == job.id && again.attempt == 2)
        #expect(try other.statuses([job.id])[job.id]?.lastError?.contains("alive") == true)
    }

    @Test func aJobFailsAfterItsAttemptsWithItsLastErrorAndIsQueuedAgainNextNight() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let queue = try WorkQueue(url: server.url(), lease: 60)
        let id = try #require(try queue.enqueue([Self.spec(1, size: 1)], attempts: 2).first)
        let first = try #require(try queue.claim(worker: "w"))
        try queue.fail(first, error: "first error")
        // Backoff: not claimable at once.
        #expect(try queue.claim(worker: "w") == nil)
        #expect(try queue.statuses([id])[id]?.state == .queued)
        Thread.sleep(forTimeInterval: 1.2)
        let second = try #require(try queue.claim(worker: "w"))
        try queue.fail(second, error: "second error")
        let status = try #require(try queue.statuses([id])[id])
        #expect(status.state == .failed && status.attempts == 2 && status.lastError == "second error")
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try queue.claim(worker: "w") == nil)
        // The next night enqueues the digest again (the store still lacks it): fresh attempts.
        #expect(try queue.enqueue([Self.spec(1, size: 1)], attempts: 2) == [id])
        #expect(try queue.statuses([id])[id]?.state == .queued)
        #expect(try queue.claim(worker: "w")?.attempt == 1)
    }

    @Test func migrationsAreRecordedAndAppliedOnce() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        _ = try WorkQueue(url: server.url(), lease: 60)
        _ = try WorkQueue(url: server.url(), lease: 60)
        #expect(try server.psql("SELECT name FROM schema_migrations ORDER BY name") == "v1-jobs")
    }

    @Test func aLayerLockIsHeldByOneSessionAndItsRowCountsWrites() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let one = try WorkQueue(url: server.url(), lease: 60)
        let two = try WorkQueue(url: server.url(), lease: 60)
        #expect(try one.tryLockLayer(diffID: "sha256:aa"))
        #expect(try !two.tryLockLayer(diffID: "sha256:aa"))
        #expect(try two.tryLockLayer(diffID: "sha256:bb"))
        try one.storeLayer(diffID: "sha256:aa", filterKey: "k", files: [1, 2, 0, 255])
        try one.unlockLayer(diffID: "sha256:aa")
        #expect(try two.tryLockLayer(diffID: "sha256:aa"))
        #expect(try two.layer(diffID: "sha256:aa", filterKey: "k") == [1, 2, 0, 255])
        #expect(try two.layer(diffID: "sha256:aa", filterKey: "other") == nil)
        #expect(try two.layerWrites(diffID: "sha256:aa") == 1)
        try two.storeLayer(diffID: "sha256:aa", filterKey: "k", files: [3])
        #expect(try one.layerWrites(diffID: "sha256:aa") == 2)
    }

    @Test func aConnectionReconnectsAfterTheServerRestarts() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let queue = try WorkQueue(url: server.url(), lease: 60)
        _ = try queue.enqueue([Self.spec(1, size: 1)], attempts: 3)
        server.stop(immediate: true)
        let restart = Thread { try? server.start() }
        restart.start()
        // The call waits for the server to come back instead of failing.
        let job = try #require(try queue.claim(worker: "w"))
        #expect(job.spec.size == 1)
    }

    @Test func connectionErrorsNameTheDatabaseWithoutItsPassword() throws {
        let server = try TestPostgres()
        defer { server.remove() }
        let wrong = "postgresql://scout:wrong-\(TestPostgres.password)@127.0.0.1:\(server.port)/postgres"
        let error = try #require(throws: QueueError.self) { try WorkQueue(url: wrong, lease: 60, reconnectFor: 0) }
        #expect(error.description.contains("127.0.0.1:\(server.port)"))
        #expect(error.description.contains("password authentication failed"))
        #expect(!error.description.contains("wrong-"))
    }
}

/// Job ids claimed by several threads.
final class Claimed: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ids: [Int64] = []

    func add(_ id: Int64) {
        lock.lock()
        ids.append(id)
        lock.unlock()
    }
}
