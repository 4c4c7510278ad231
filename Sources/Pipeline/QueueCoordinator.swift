import Foundation
import Queue

/// The nightly run's side of the work queue: how many local workers it runs beside its waiting, and
/// how long it waits for the queue before it publishes what is done.
struct QueueCoordinator: Sendable {
    let settings: WorkQueueSettings
    /// Worker threads this process runs itself (0: only coordinate).
    let localWorkers: Int
    let registries: RegistrySet
    /// How often the queue is asked whether the next job is done.
    var pollInterval: TimeInterval = 0.1

    /// Starts the local workers; `stop()` on the result ends them after their current job.
    func startLocalWorkers(log: @escaping @Sendable (String) -> Void) -> LocalWorkers {
        let workers = LocalWorkers()
        let host = ProcessInfo.processInfo.hostName, pid = ProcessInfo.processInfo.processIdentifier
        let memo = LayerMemo()
        for number in 0..<localWorkers {
            let worker = QueueWorker(settings: settings, registries: registries, memo: memo, name: "\(host):\(pid):local-\(number + 1)", log: { _ in })
            workers.start {
                do {
                    _ = try worker.run(exitWhenIdle: false, idlePause: 0.2, shouldStop: { workers.stopping })
                } catch {
                    log("Local worker \(number + 1) stopped: \(error)")
                }
            }
        }
        return workers
    }
}
