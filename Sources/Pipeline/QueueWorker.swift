import Foundation
import ImageSource
import Queue
import ScoutModel

/// Claims jobs from the work queue one at a time and analyses them: opens the image by digest with
/// this machine's registry credentials, reads it through the shared layer cache while a heartbeat
/// keeps the lease, and completes the job with the SBOM document (or gives it back with the error).
///
/// `scout-report worker` runs one; the nightly run runs `--local-workers` of them on threads.
public struct QueueWorker: Sendable {
    /// What one worker did.
    public struct Outcome: Sendable {
        public var completed = 0
        public var failed = 0
        /// Completions refused because another worker claimed the job since (the lease ran out).
        public var refused = 0
    }

    let settings: WorkQueueSettings
    let registries: RegistrySet
    /// Layers fetched from the shared cache, kept for the next images (shared by a run's local workers).
    let memo: LayerMemo
    public let name: String
    let log: @Sendable (String) -> Void

    /// A worker using `config`'s registries with the credentials `environment` names.
    public init(config: Config, environment: [String: String] = ProcessInfo.processInfo.environment, name: String? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        guard let settings = config.queue else {
            throw ConfigError(file: config.file, reason: .missingKey("queue", context: "a worker's configuration"))
        }
        self.init(settings: settings, registries: RegistrySet(config: config, environment: environment), memo: LayerMemo(), name: name, log: log)
    }

    init(settings: WorkQueueSettings, registries: RegistrySet, memo: LayerMemo, name: String?, log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.registries = registries
        self.memo = memo
        self.name = name ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.log = log
    }

    /// Claims and analyses jobs until `shouldStop` says so or, with `exitWhenIdle`, until no job is
    /// queued or running. Waits `idlePause` between looks at an empty queue.
    public func run(exitWhenIdle: Bool, idlePause: TimeInterval = 1, shouldStop: @Sendable () -> Bool = { false }) throws(QueueError) -> Outcome {
        let queue = try WorkQueue(url: settings.url, lease: settings.lease)
        // The heartbeat's own connection, giving up on a dead database within the lease.
        let heartbeat = try WorkQueue(url: settings.url, lease: settings.lease, reconnectFor: max(settings.lease / 2, 1))
        var outcome = Outcome()
        while !shouldStop() {
            guard let job = try queue.claim(worker: name) else {
                if exitWhenIdle {
                    let counts = try queue.counts()
                    if (counts[.queued] ?? 0) + (counts[.running] ?? 0) == 0 { break }
                }
                Thread.sleep(forTimeInterval: idlePause)
                continue
            }
            switch try process(job, queue: queue, heartbeat: heartbeat) {
            case .completed: outcome.completed += 1
            case .failed: outcome.failed += 1
            case .refused: outcome.refused += 1
            }
        }
        return outcome
    }

    enum JobOutcome { case completed, failed, refused }

    /// Reads one claimed job's image and completes or fails it.
    func process(_ job: QueueJob, queue: WorkQueue, heartbeat: WorkQueue) throws(QueueError) -> JobOutcome {
        let spec = job.spec
        let subject = "\(spec.repository)@\(spec.digest)"
        log("Claimed \(subject) (attempt \(job.attempt) of \(job.maxAttempts))")
        let keeper = LeaseKeeper(queue: heartbeat, job: job)
        let cache = QueueLayerCache(queue: queue, memo: memo)
        let reading: Result<ImageAnalyzer.Reading, any Error>
        do {
            guard let client = registries.client(named: spec.registry) else {
                throw WorkerError(message: "Failed to read '\(subject)': the registry '\(spec.registry)' is not in this worker's configuration; give the worker the nightly run's scout-report.yml.")
            }
            let image = try RegistryImage.open(client: client, repository: spec.repository, reference: spec.digest, platform: Platform(spec.platform))
            reading = .success(try ImageAnalyzer.read(handle: image, cache: cache))
        } catch {
            reading = .failure(error)
        }
        cache.finish()
        keeper.stop()
        let error: String
        switch reading {
        case .success(let reading):
            // An image with a layer that could not be read is tried again, and fails with the reason.
            if let problem = reading.sbom.incompleteSummary(name: subject, fix: NightlyJob.incompleteFix) {
                error = problem
                break
            }
            let queued = QueuedReading(reading)
            let document: [UInt8]
            do {
                document = try queued.encoded()
            } catch let failure {
                error = "Failed to encode the SBOM of '\(subject)': \(failure)"
                break
            }
            if try queue.complete(job, document: document, warnings: queued.warningLines) {
                log("Completed \(subject), \(reading.sbom.packages.count) packages")
                return .completed
            }
            log("Dropped \(subject): another worker claimed it after this one's lease ran out")
            return .refused
        case .failure(let failure):
            error = String(describing: failure)
        }
        try queue.fail(job, error: error)
        log("Failed \(subject) (attempt \(job.attempt) of \(job.maxAttempts)): \(error)")
        return .failed
    }
}
