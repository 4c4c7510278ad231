import Foundation
import ImageSource
import Queue
import Store

extension RegistryScanner {
    /// Step 4 with `queue:`: enqueues the new images (largest first for the workers), runs the local
    /// workers, and imports each completed SBOM in job order as it arrives (so the store's rows come in
    /// the same order as a single-process run's). Jobs not done by the queue's `wait` (or the run's
    /// deadline) stay queued for the next run; failed ones carry their last error.
    func analyseThroughQueue(_ jobs: [(target: Int, candidate: TagResolver.Candidate)], targets: [Target], queue coordinator: QueueCoordinator,
                             record: (Int, Swift.Result<ImageAnalyzer.Reading, ScanFailure>) throws(StoreError) -> Void) throws {
        guard !jobs.isEmpty else { return }
        let settings = coordinator.settings
        let queue = try WorkQueue(url: settings.url, lease: settings.lease)
        let specs = jobs.map { job in
            let target = targets[job.target]
            return QueueJobSpec(digest: job.candidate.manifestDigest, platform: job.candidate.platform.description,
                                registry: target.client.endpoint.name, repository: target.path,
                                source: Self.source(of: job.candidate, in: target), size: job.candidate.image?.metadata.size ?? 0)
        }
        let ids = try queue.enqueue(specs, attempts: settings.attempts)
        log("Queued \(ids.count) new images for workers (\(coordinator.localWorkers) local)")
        let workers = coordinator.startLocalWorkers(log: log)
        var waitUntil = Date().addingTimeInterval(settings.wait)
        if let deadline { waitUntil = min(waitUntil, deadline) }
        var statuses: [Int64: QueueJobStatus] = [:]
        func finished(_ id: Int64) -> Bool { statuses[id].map { $0.state != .queued && $0.state != .running } ?? false }
        do {
            for number in jobs.indices {
                let id = ids[number]
                while !finished(id) {
                    statuses.merge(try queue.statuses(Array(ids[number..<min(number + 500, ids.count)]))) { $1 }
                    if finished(id) || Date() >= waitUntil { break }
                    Thread.sleep(forTimeInterval: coordinator.pollInterval)
                }
                let status = statuses[id]
                switch status?.state {
                case .done:
                    guard let result = try queue.result(of: id) else {
                        try record(number, .failure(ScanFailure(message: "The result of job \(id) ('\(specs[number].digest)') is missing from the work queue.")))
                        continue
                    }
                    do {
                        try record(number, .success(try QueuedReading.decode(result.document).reading))
                    } catch let error as StoreError {
                        throw error
                    } catch {
                        try record(number, .failure(ScanFailure(message: "Failed to decode the SBOM document a worker wrote for '\(specs[number].digest)': \(error)")))
                        continue
                    }
                    try queue.markImported(id)
                case .failed:
                    let attempts = status?.attempts ?? settings.attempts
                    try record(number, .failure(ScanFailure(message: "Failed after \(attempts) attempt\(attempts == 1 ? "" : "s") in the work queue: \(status?.lastError ?? "no error was recorded")")))
                default:
                    try record(number, .failure(ScanFailure(message: "", leftQueued: true)))
                }
            }
        } catch {
            workers.stop(wait: false)
            throw error
        }
        // Every job of this run is done or left queued: local workers finish what they hold only
        // when the wait did not run out (then nothing of this run is in progress).
        workers.stop(wait: Date() < waitUntil)
    }
}
