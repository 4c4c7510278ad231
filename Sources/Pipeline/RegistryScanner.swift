import Foundation
import ImageSource
import ScoutModel
import Store

/// Reads the registry-backed repositories: lists their tags, keeps those the selection wants, resolves
/// each to a digest per platform with a HEAD request, and analyses only digests not already stored.
///
/// The registry work runs concurrently (tag lists, then HEADs and manifests, then new images read while
/// others download), bounded per registry by its client. What is stored does not depend on which
/// request finished first: resolved manifests and new images are written in repository and tag order,
/// and each repository's tags are returned for the caller to record in configuration order.
struct RegistryScanner {
    /// One registry repository to scan.
    struct Target: Sendable {
        var name: String
        /// The repository's path in the registry.
        var path: String
        var client: RegistryClient
        var selection: TagSelection
        var platforms: [Platform]
    }

    /// What scanning one repository did, and the tags to record for it.
    struct Result: Sendable {
        var analysed = 0
        var cached = 0
        var failed = 0
        var warnings: [ScanWarning] = []
        var tags: [ScannedTag] = []
    }

    let store: ScoutStore
    let analyzer: ImageAnalyzer
    let clock: Clock
    /// Threads resolving tags (requests in flight stay bounded per registry by its client).
    let width: Int
    /// Threads reading new images.
    let analysisWidth: Int
    let progress: ScanProgress
    /// Lines about problems (a repository or tag skipped).
    let log: @Sendable (String) -> Void
    /// One line per image (`Analysed …`, `Cached …`).
    let detail: @Sendable (String) -> Void
    /// The run's deadline (`--deadline`): once it passed, no tag list is read, no tag resolved and no
    /// image read; what is left is named in a warning and read on the next run.
    var deadline: Date? = nil
    /// With `queue:`, new images are enqueued and read by workers (and this run's local ones).
    var queue: QueueCoordinator? = nil

    private var pastDeadline: Bool { deadline.map { Date() >= $0 } ?? false }

    /// Scans every target; the results are in target order. Only store (and work queue) errors are thrown.
    func scan(_ targets: [Target]) throws -> [Result] {
        var results = Array(repeating: Result(), count: targets.count)
        // 1. Tag lists, one request (and one token) per repository.
        let deadline = self.deadline
        let listings = WorkerPool.map(count: targets.count, width: width) { index -> Swift.Result<[String], RegistryError> in
            if let deadline, Date() >= deadline {
                return .failure(RegistryError(.deadlineExceeded, registry: targets[index].client.endpoint.name, operation: "list the tags"))
            }
            do throws(RegistryError) {
                return .success(try targets[index].client.tags(of: targets[index].path))
            } catch {
                return .failure(error)
            }
        }
        var pending: [(target: Int, tag: String)] = []
        for (index, target) in targets.enumerated() {
            switch listings[index] {
            case .success(let tags):
                pending += target.selection.filter(tags).map { (index, $0) }
            case .failure(let error) where error.reason == .deadlineExceeded && pastDeadline:
                let message = "The run's deadline passed before the tags of '\(target.name)' could be listed; they are read on the next run."
                results[index].warnings.append(ScanWarning(subject: target.name, message: message))
                log(message)
            case .failure(let error):
                results[index].failed += 1
                results[index].warnings.append(ScanWarning(subject: target.name, message: error.description))
                progress.update { $0.failed += 1 }
                log("Skipped \(target.name): \(error)")
            }
        }

        // 2. One HEAD per tag; the manifests and configs of tag digests never seen before.
        let store = self.store, clock = self.clock, tags = pending
        let resolver = TagResolver(known: try store.resolvedManifests(), log: log)
        let resolutions = WorkerPool.map(count: tags.count, width: width) { position in
            let (index, tag) = tags[position]
            if let deadline, Date() >= deadline { return TagResolver.Resolution(pastDeadline: true) }
            return resolver.resolve(tag: tag, of: targets[index])
        }
        var candidates = Array(repeating: [TagResolver.Candidate](), count: targets.count)
        // Tags (and images) each repository has left for the next run because the deadline passed.
        var leftForNextRun = Array(repeating: 0, count: targets.count)
        for (position, resolution) in resolutions.enumerated() {
            let index = pending[position].target
            if let error = resolution.storeError { throw error }
            if resolution.pastDeadline { leftForNextRun[index] += 1 }
            for (tagDigest, platform, resolved) in resolution.resolved {
                try store.recordResolvedManifest(tagDigest: tagDigest, platform: platform, resolved)
            }
            candidates[index] += resolution.candidates
            results[index].failed += resolution.failed
            if resolution.failed > 0 { progress.update { $0.failed += resolution.failed } }
            results[index].warnings += resolution.warnings
        }

        // 3. Which candidates are new: a digest stored before is not read again; a digest two tags
        //    share is read once, for the first of them.
        var jobs: [(target: Int, candidate: TagResolver.Candidate)] = []
        var firstJob: [String: Int] = [:]
        var outcomes: [[CandidateOutcome]] = []
        let kept = targets.indices.map { TagResolver.newest(candidates[$0], count: targets[$0].selection.newest) }
        let storedCounts = try store.storedPackageCounts(digests: kept.flatMap { $0.map(\.manifestDigest) })
        for index in targets.indices {
            var own: [CandidateOutcome] = []
            for candidate in kept[index] {
                if let job = firstJob[candidate.manifestDigest] {
                    own.append(.sameAs(job))
                } else if let count = storedCounts[candidate.manifestDigest] {
                    own.append(.stored(packageCount: count))
                    progress.update { $0.cached += 1 }
                } else {
                    firstJob[candidate.manifestDigest] = jobs.count
                    own.append(.read(jobs.count))
                    jobs.append((index, candidate))
                }
            }
            outcomes.append(own)
        }
        var jobsLeft = Array(repeating: 0, count: targets.count)
        for job in jobs { jobsLeft[job.target] += 1 }
        let finishedNow = jobsLeft.filter { $0 == 0 }.count
        progress.update { $0.repositoriesDone += finishedNow }

        // 4. New images read on several threads while others download (or by queue workers); saved in job order.
        var analysed = Array(repeating: Swift.Result<Analysed, ScanFailure>.failure(ScanFailure(message: "")), count: jobs.count)
        func record(_ number: Int, _ reading: Swift.Result<ImageAnalyzer.Reading, ScanFailure>) throws(StoreError) {
            let (index, candidate) = jobs[number]
            switch reading {
            case .success(let reading):
                // An incomplete image is stored as such (the site says why) and read again next run.
                try analyzer.save(reading, source: Self.source(of: candidate, in: targets[index]))
                let incomplete = reading.sbom.isIncomplete
                analysed[number] = .success(Analysed(packages: reading.sbom.packages.count, incomplete: incomplete ? reading.sbom : nil))
                progress.update { if incomplete { $0.failed += 1 } else { $0.analysed += 1 } }
            case .failure(let failure):
                analysed[number] = .failure(failure)
                // Left for the next run by the deadline or the queue's wait: not a failure (the run's warning names it).
                if !failure.pastDeadline && !failure.leftQueued { progress.update { $0.failed += 1 } }
            }
            jobsLeft[index] -= 1
            if jobsLeft[index] == 0 { progress.update { $0.repositoriesDone += 1 } }
        }
        if let queue {
            try analyseThroughQueue(jobs, targets: targets, queue: queue, record: record)
        } else {
            let analyzer = self.analyzer, queued = jobs
            let layers = SharedLayerCache(base: StoreLayerCache(store: store, clock: clock))
            try WorkerPool.forEachInOrder(count: queued.count, width: analysisWidth, window: 2 * analysisWidth, work: { number in
                let (index, candidate) = queued[number]
                let target = targets[index]
                let claim = layers.claim()
                defer { claim.finish() }
                if let deadline, Date() >= deadline { return (claim, .failure(ScanFailure(message: "", pastDeadline: true))) }
                do {
                    let image = try candidate.image ?? RegistryImage.open(
                        client: target.client, repository: target.path, reference: candidate.manifestDigest, platform: candidate.platform)
                    return (claim, .success(try analyzer.read(handle: image, cache: claim)))
                } catch {
                    return (claim, .failure(ScanFailure(message: String(describing: error))))
                }
            }, commit: { (number: Int, done: (SharedLayerCache.Claim, Swift.Result<ImageAnalyzer.Reading, ScanFailure>)) throws(StoreError) in
                done.0.flush()
                try record(number, done.1)
            })
        }

        // 5. Each repository's counts, tags and lines, in tag order.
        var leftQueued = Array(repeating: 0, count: targets.count)
        for (index, target) in targets.enumerated() {
            for (candidate, outcome) in zip(kept[index], outcomes[index]) {
                let recordedTag = target.platforms.count > 1 ? "\(candidate.tag) (\(candidate.platform))" : candidate.tag
                let packages: Int
                let cached: Bool
                switch outcome {
                case .stored(let count):
                    (packages, cached) = (count, true)
                case .read(let number), .sameAs(let number):
                    switch analysed[number] {
                    case .success(let reading):
                        if let sbom = reading.incomplete {
                            // The tag is recorded; the image counts as failed, not as "0 vulnerabilities".
                            results[index].tags.append(ScannedTag(tag: recordedTag, digest: candidate.manifestDigest, source: Self.source(of: candidate, in: target), at: clock.now()))
                            let problem = sbom.incompleteSummary(name: "\(target.name):\(recordedTag)", fix: NightlyJob.incompleteFix)
                                ?? "Image '\(target.name):\(recordedTag)' is incomplete. \(NightlyJob.incompleteFix)"
                            if case .sameAs = outcome { progress.update { $0.failed += 1 } }
                            results[index].failed += 1
                            results[index].warnings.append(ScanWarning(subject: "\(target.name):\(recordedTag)", message: problem, incomplete: true))
                            log(problem)
                            continue
                        }
                        if case .sameAs = outcome {
                            (packages, cached) = (reading.packages, true)
                            progress.update { $0.cached += 1 }
                        } else {
                            (packages, cached) = (reading.packages, false)
                        }
                    case .failure(let failure) where failure.pastDeadline:
                        leftForNextRun[index] += 1
                        continue
                    case .failure(let failure) where failure.leftQueued:
                        leftQueued[index] += 1
                        continue
                    case .failure(let failure):
                        if case .sameAs = outcome { progress.update { $0.failed += 1 } }
                        results[index].failed += 1
                        results[index].warnings.append(ScanWarning(subject: "\(target.name):\(recordedTag)", message: failure.message))
                        log("Skipped \(target.name):\(recordedTag): \(failure.message)")
                        continue
                    }
                }
                if cached { results[index].cached += 1 } else { results[index].analysed += 1 }
                results[index].tags.append(ScannedTag(tag: recordedTag, digest: candidate.manifestDigest, source: Self.source(of: candidate, in: target), at: clock.now()))
                detail("\(cached ? "Cached" : "Analysed") \(target.name):\(recordedTag) \(candidate.manifestDigest.shortDigest), \(packages) packages")
            }
            if leftQueued[index] > 0 {
                let left = leftQueued[index]
                let message = "\(left) image\(left == 1 ? "" : "s") of '\(target.name)' \(left == 1 ? "was" : "were") still queued for workers when the run stopped waiting (queue: wait); \(left == 1 ? "it is" : "they are") imported on the next run."
                results[index].warnings.append(ScanWarning(subject: target.name, message: message))
                log(message)
            }
            if leftForNextRun[index] > 0 {
                let left = leftForNextRun[index]
                let message = "The run's deadline passed before \(left) tag\(left == 1 ? "" : "s") of '\(target.name)' could be read; they are read on the next run."
                results[index].warnings.append(ScanWarning(subject: target.name, message: message))
                log(message)
            }
        }
        return results
    }

    /// What happens to one kept tag: its digest was stored before, it is read as a job, or it points
    /// at the digest of an earlier tag's job (and is cached once that one is stored).
    private enum CandidateOutcome {
        case stored(packageCount: Int)
        case read(Int)
        case sameAs(Int)
    }

    /// A new image read and stored: its package count, and its SBOM when it is incomplete.
    struct Analysed: Sendable {
        var packages: Int
        var incomplete: ImageSBOM?
    }

    /// An image that could not be read, in words (errors cross threads as text), or that the run's
    /// deadline left for the next run.
    struct ScanFailure: Error, Sendable {
        var message: String
        var pastDeadline = false
        /// Still in the work queue when the run stopped waiting for workers.
        var leftQueued = false
    }

    static func source(of candidate: TagResolver.Candidate, in target: Target) -> String {
        "registry://\(target.client.endpoint.authority)/\(target.path):\(candidate.tag)"
    }
}
