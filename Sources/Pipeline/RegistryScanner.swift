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

    /// Scans every target; the results are in target order. Only store errors are thrown.
    func scan(_ targets: [Target]) throws(StoreError) -> [Result] {
        var results = Array(repeating: Result(), count: targets.count)
        // 1. Tag lists, one request (and one token) per repository.
        let listings = WorkerPool.map(count: targets.count, width: width) { index -> Swift.Result<[String], RegistryError> in
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
            case .failure(let error):
                results[index].failed += 1
                results[index].warnings.append(ScanWarning(subject: target.name, message: error.description))
                progress.update { $0.failed += 1 }
                log("Skipped \(target.name): \(error)")
            }
        }

        // 2. One HEAD per tag; the manifests and configs of tag digests never seen before.
        let store = self.store, clock = self.clock, log = self.log, tags = pending
        let resolutions = WorkerPool.map(count: tags.count, width: width) { position in
            let (index, tag) = tags[position]
            return TagResolver(store: store, log: log).resolve(tag: tag, of: targets[index])
        }
        var candidates = Array(repeating: [TagResolver.Candidate](), count: targets.count)
        for (position, resolution) in resolutions.enumerated() {
            let index = pending[position].target
            if let error = resolution.storeError { throw error }
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
        for (index, target) in targets.enumerated() {
            var own: [CandidateOutcome] = []
            for candidate in TagResolver.newest(candidates[index], count: target.selection.newest) {
                if let job = firstJob[candidate.manifestDigest] {
                    own.append(.sameAs(job))
                } else if let count = try store.storedPackageCount(digest: candidate.manifestDigest) {
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

        // 4. New images read on several threads while others download; saved in job order.
        let analyzer = self.analyzer, queued = jobs
        let layers = SharedLayerCache(base: StoreLayerCache(store: store, clock: clock))
        var analysed = Array(repeating: Swift.Result<Int, ScanFailure>.failure(ScanFailure(message: "")), count: jobs.count)
        try WorkerPool.forEachInOrder(count: queued.count, width: analysisWidth, window: 2 * analysisWidth, work: { number in
            let (index, candidate) = queued[number]
            let target = targets[index]
            let claim = layers.claim()
            defer { claim.finish() }
            do {
                let image = try candidate.image ?? RegistryImage.open(
                    client: target.client, repository: target.path, reference: candidate.manifestDigest, platform: candidate.platform)
                return (claim, .success(try analyzer.read(handle: image, cache: claim)))
            } catch {
                return (claim, .failure(ScanFailure(message: String(describing: error))))
            }
        }, commit: { (number: Int, done: (SharedLayerCache.Claim, Swift.Result<ImageAnalyzer.Reading, ScanFailure>)) throws(StoreError) in
            let (index, candidate) = jobs[number]
            let (claim, reading) = done
            claim.flush()
            switch reading {
            case .success(let reading):
                try analyzer.save(reading, source: Self.source(of: candidate, in: targets[index]))
                analysed[number] = .success(reading.sbom.packages.count)
                progress.update { $0.analysed += 1 }
            case .failure(let failure):
                analysed[number] = .failure(failure)
                progress.update { $0.failed += 1 }
            }
            jobsLeft[index] -= 1
            if jobsLeft[index] == 0 { progress.update { $0.repositoriesDone += 1 } }
        })

        // 5. Each repository's counts, tags and lines, in tag order.
        for (index, target) in targets.enumerated() {
            let kept = TagResolver.newest(candidates[index], count: target.selection.newest)
            for (candidate, outcome) in zip(kept, outcomes[index]) {
                let recordedTag = target.platforms.count > 1 ? "\(candidate.tag) (\(candidate.platform))" : candidate.tag
                let packages: Int
                let cached: Bool
                switch outcome {
                case .stored(let count):
                    (packages, cached) = (count, true)
                case .read(let number), .sameAs(let number):
                    switch analysed[number] {
                    case .success(let count):
                        if case .sameAs = outcome {
                            (packages, cached) = (count, true)
                            progress.update { $0.cached += 1 }
                        } else {
                            (packages, cached) = (count, false)
                        }
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

    /// An image that could not be read, in words (errors cross threads as text).
    struct ScanFailure: Error, Sendable {
        var message: String
    }

    static func source(of candidate: TagResolver.Candidate, in target: Target) -> String {
        "registry://\(target.client.endpoint.authority)/\(target.path):\(candidate.tag)"
    }
}
