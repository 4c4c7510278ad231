import Foundation
import ImageSource
import ScoutModel
import Store
import Templates

/// The nightly job: import advisories, analyse new digests, re-evaluate every stored SBOM, publish.
public struct NightlyJob: Sendable {
    /// What a run did, for the summary line and the exit code.
    public struct Outcome: Sendable {
        public var run: RunSummary
        public var imagesAnalysed = 0
        public var imagesCached = 0
        public var imagesFailed = 0
        public var advisoryRecords = 0
        public var warnings: [ScanWarning] = []
        /// True when nothing at all could be done (no image readable, none stored, no advisory).
        public var nothingDone = false
        /// What each registry client did (requests, blobs downloaded), by registry name.
        public var registryStatistics: [String: RegistryStatistics] = [:]
    }

    public let config: Config
    public let clock: Clock
    public let templatesDirectory: URL?
    /// Wait for another run on the same store instead of failing at once.
    public let waitForLock: Bool
    /// Progress lines (stderr in the CLI).
    public let log: @Sendable (String) -> Void
    /// One line per image (`Analysed …`, `Cached …`): many at fleet scale, shown with `--verbose`.
    public let detail: @Sendable (String) -> Void
    /// Live counts of the image stage, for a status line.
    public let progress: ScanProgress
    /// Where registry credentials named by environment variable (and `DOCKER_CONFIG`, `HOME`) are looked up.
    public let environment: [String: String]
    /// When the run must stop reading images (`--deadline`): repositories and tags not reached are
    /// left for the next run with a warning, and no registry request outlives it.
    public var deadline: Date? = nil
    /// Accept remote advisory updates that shrink a source to under a quarter of its records (`--allow-shrink`).
    public var allowShrink = false
    /// With `queue:`, how many workers this run runs itself beside coordinating (`--local-workers`);
    /// nil: one per core.
    public var localWorkers: Int? = nil

    /// `detail` defaults to `log` (every line in one place).
    public init(config: Config, clock: Clock = Clock(), templatesDirectory: URL? = nil, waitForLock: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                progress: ScanProgress = ScanProgress(),
                log: @escaping @Sendable (String) -> Void = { _ in },
                detail: (@Sendable (String) -> Void)? = nil) {
        self.config = config
        self.clock = clock
        self.templatesDirectory = templatesDirectory
        self.waitForLock = waitForLock
        self.environment = environment
        self.progress = progress
        self.log = log
        self.detail = detail ?? log
    }

    /// What a repository warning about an incomplete image suggests.
    static let incompleteFix = "It is read again on the next run; repair or re-push the image."

    public func run() throws -> Outcome {
        let lock = try RunLock(storePath: config.store, wait: waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let startedAt = clock.now()
        let store = try ScoutStore(path: config.store)
        let overrides = try store.repositoryOverrides()
        let registries = RegistrySet(config: config, environment: environment, runDeadline: deadline)
        try store.syncRepositories(config.repositories.map {
            ($0.name, overrides[$0.name] ?? $0.enabled, registries.sourceDescription(of: $0))
        })
        var warnings: [ScanWarning] = []

        // 1. Advisories, each source in its own transaction.
        var importer = AdvisoryImporter(store: store, clock: clock)
        importer.allowShrink = allowShrink
        var advisoryRecords = 0
        for source in config.advisories {
            let result = try importer.importSource(source)
            advisoryRecords += result.records
            warnings += result.warnings
            log(result.imported
                ? "Imported \(result.records) records from '\(source.name)'\(result.warnings.isEmpty ? "" : " (\(result.warnings.count) warnings)")"
                : result.notModified
                    ? "Kept the records of '\(source.name)': not modified since the last download"
                    : "Kept the previous records of '\(source.name)': \(result.warnings.first?.message ?? "nothing readable")")
        }

        // 2. Images: a digest already analysed is never read again.
        log("Scanning \(config.repositories.filter { overrides[$0.name] ?? $0.enabled }.count) configured repositories")
        let analyzer = ImageAnalyzer(store: store, platform: config.platform, clock: clock)
        var analysed = 0, cached = 0, failed = 0
        try registries.discover(store: store, log: log)
        var repositories = config.repositories.filter { overrides[$0.name] ?? $0.enabled }
        repositories += try registries.enabledDiscoveredRepositories(store: store, configured: config.repositories)
        progress.update { $0.repositoriesTotal = repositories.count }
        progress.measureDownloads { registries.statistics().values.reduce(0) { $0 + $1.blobBytes } }
        var targets: [RegistryScanner.Target] = []
        var targetOf: [Int: Int] = [:]
        for (index, repository) in repositories.enumerated() {
            guard let registryName = repository.registry, let client = registries.client(named: registryName) else { continue }
            targetOf[index] = targets.count
            targets.append(RegistryScanner.Target(
                name: repository.name, path: repository.registryPath ?? repository.name, client: client,
                selection: repository.tags, platforms: repository.platforms.isEmpty ? [config.platform] : repository.platforms))
        }
        let width = registries.concurrency(of: targets.map(\.client))
        var scanner = RegistryScanner(
            store: store, analyzer: analyzer, clock: clock, width: width,
            analysisWidth: min(width, ProcessInfo.processInfo.activeProcessorCount + 2),
            progress: progress, log: log, detail: detail, deadline: deadline)
        if let settings = config.queue {
            scanner.queue = QueueCoordinator(settings: settings, localWorkers: localWorkers ?? ProcessInfo.processInfo.activeProcessorCount,
                                             registries: registries)
        }
        let scanned = try scanner.scan(targets)

        // Each repository's registry tags, then its `images:` entries, in config order. The entries are
        // read on every core (results committed in order, so the store does not depend on which finished
        // first); tags, warnings and the analysis time of a repository land in one transaction at its end.
        var repositoryWarnings: [ScanWarning] = []
        var tags: [ScannedTag] = []
        var open = -1
        func begin(_ index: Int) {
            repositoryWarnings = []
            tags = []
            guard let target = targetOf[index] else { return }
            let result = scanned[target]
            analysed += result.analysed
            cached += result.cached
            failed += result.failed
            repositoryWarnings += result.warnings
            tags += result.tags
        }
        func finish(_ index: Int) throws {
            try store.recordRepositoryScan(repository: repositories[index].name, tags: tags, warnings: repositoryWarnings, analysedAt: startedAt)
            if targetOf[index] == nil { progress.update { $0.repositoriesDone += 1 } }
            warnings += repositoryWarnings
        }
        /// Finishes the repositories before `index` and begins `index`.
        func advance(to index: Int) throws {
            while open < index {
                if open >= 0 { try finish(open) }
                open += 1
                if open < repositories.count { begin(open) }
            }
        }
        let entries = repositories.indices.flatMap { index in repositories[index].images.map { (repository: index, image: $0) } }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        try WorkerPool.forEachInOrder(count: entries.count, width: cores, window: 2 * cores, work: { [analyzer] position in
            let image = entries[position].image
            return Result { try analyzer.analyse(image.reference, source: image.written, metadataOnlyWhenCached: true) }
        }, commit: { (position: Int, result: Result<ImageAnalyzer.Outcome, any Error>) throws in
            try advance(to: entries[position].repository)
            let repository = repositories[entries[position].repository]
            let image = entries[position].image
            do {
                let outcome = try result.get()
                tags.append(ScannedTag(tag: image.tag, digest: outcome.sbom.metadata.manifestDigest, source: image.written, at: clock.now()))
                if let problem = outcome.sbom.incompleteSummary(name: "\(repository.name):\(image.tag)", fix: Self.incompleteFix) {
                    // Stored as incomplete (the site shows why), counted as failed, read again next run.
                    failed += 1
                    progress.update { $0.failed += 1 }
                    repositoryWarnings.append(ScanWarning(subject: "\(repository.name):\(image.tag)", message: problem, incomplete: true))
                    log(problem)
                    return
                }
                if outcome.cached { cached += 1 } else { analysed += 1 }
                progress.update { if outcome.cached { $0.cached += 1 } else { $0.analysed += 1 } }
                detail("\(outcome.cached ? "Cached" : "Analysed") \(repository.name):\(image.tag) \(outcome.sbom.metadata.manifestDigest.shortDigest), \(outcome.packageCount ?? outcome.sbom.packages.count) packages")
            } catch let error as StoreError {
                throw error
            } catch {
                failed += 1
                progress.update { $0.failed += 1 }
                repositoryWarnings.append(ScanWarning(subject: "\(repository.name):\(image.tag)", message: String(describing: error)))
                log("Skipped \(repository.name):\(image.tag): \(error)")
            }
        })
        try advance(to: repositories.count)

        log("Scanned \(repositories.count) repositories: \(analysed) analysed, \(cached) unchanged, \(failed) failed")

        // 3. Re-evaluate every stored SBOM against today's advisories, VEX and the ignore list.
        let evaluation = try Reevaluation(store: store, clock: clock, config: config).run(startedAt: startedAt)
        let run = evaluation.run
        warnings += evaluation.warnings
        log("Evaluated \(evaluation.imagesEvaluated) images (\(evaluation.imagesMatched) matched again) against \(evaluation.advisoryCount) advisories: \(run.counts.total) findings, \(run.newFindings) new, \(run.fixedFindings) fixed\(evaluation.suppressed > 0 ? ", \(evaluation.suppressed) suppressed" : "")")

        // 4. Publish the site whole, or leave the previous one.
        let snapshot = try SnapshotBuilder(store: store, config: config).snapshot(title: config.title, generatedAt: startedAt, evaluation: evaluation)
        let renderer = try SiteRenderer(templatesDirectory: templatesDirectory)
        var written = SiteWriteCounts()
        try SitePublisher.publish(to: URL(fileURLWithPath: config.site)) { folder in
            written = try renderer.render(snapshot, into: folder, linkingUnchangedFrom: URL(fileURLWithPath: config.site))
        }
        log("Published \(snapshot.images.count) images to \(config.site): \(written.summary)")
        warnings += RunNotices.afterPublish(store: store, config: config, run: run, snapshot: snapshot, environment: environment, log: log)

        // 5. Prune what `retention:` does not keep, and shrink the file.
        if let pruned = try config.retention.apply(to: store, now: startedAt) { log(Retention.describe(pruned)) }

        var outcome = Outcome(run: run)
        outcome.imagesAnalysed = analysed
        outcome.imagesCached = cached
        outcome.imagesFailed = failed
        outcome.advisoryRecords = advisoryRecords
        outcome.warnings = warnings
        outcome.nothingDone = evaluation.imagesEvaluated == 0 && advisoryRecords == 0 && analysed == 0 && cached == 0
        outcome.registryStatistics = registries.statistics()
        return outcome
    }
}
