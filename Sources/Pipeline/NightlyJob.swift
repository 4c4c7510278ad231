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
    /// Where registry credentials named by environment variable (and `DOCKER_CONFIG`, `HOME`) are looked up.
    public let environment: [String: String]

    public init(config: Config, clock: Clock = Clock(), templatesDirectory: URL? = nil, waitForLock: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.config = config
        self.clock = clock
        self.templatesDirectory = templatesDirectory
        self.waitForLock = waitForLock
        self.environment = environment
        self.log = log
    }

    public func run() throws -> Outcome {
        let lock = try RunLock(storePath: config.store, wait: waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let startedAt = clock.now()
        let store = try ScoutStore(path: config.store)
        let overrides = try store.repositoryOverrides()
        let registries = RegistrySet(config: config, environment: environment)
        try store.syncRepositories(config.repositories.map {
            ($0.name, overrides[$0.name] ?? $0.enabled, registries.sourceDescription(of: $0))
        })
        var warnings: [ScanWarning] = []

        // 1. Advisories, each source in its own transaction.
        let importer = AdvisoryImporter(store: store, clock: clock)
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
        let scanner = RegistryScanner(store: store, analyzer: analyzer, clock: clock, log: log)
        try registries.discover(store: store, log: log)
        var repositories = config.repositories.filter { overrides[$0.name] ?? $0.enabled }
        repositories += try registries.enabledDiscoveredRepositories(store: store, configured: config.repositories)
        for repository in repositories {
            var repositoryWarnings: [ScanWarning] = []
            if let registryName = repository.registry, let client = registries.client(named: registryName) {
                let result = try scanner.scan(
                    name: repository.name, path: repository.registryPath ?? repository.name, client: client,
                    selection: repository.tags, platforms: repository.platforms.isEmpty ? [config.platform] : repository.platforms)
                analysed += result.analysed
                cached += result.cached
                failed += result.failed
                repositoryWarnings += result.warnings
            }
            // Tags, warnings and the analysis time of the repository land in one transaction at its end.
            var tags: [ScannedTag] = []
            for image in repository.images {
                do {
                    let outcome = try analyzer.analyse(image.reference, source: image.written, metadataOnlyWhenCached: true)
                    tags.append(ScannedTag(tag: image.tag, digest: outcome.sbom.metadata.manifestDigest, source: image.written, at: clock.now()))
                    if outcome.cached { cached += 1 } else { analysed += 1 }
                    log("\(outcome.cached ? "Cached" : "Analysed") \(repository.name):\(image.tag) \(outcome.sbom.metadata.manifestDigest.shortDigest), \(outcome.packageCount ?? outcome.sbom.packages.count) packages")
                } catch let error as StoreError {
                    throw error
                } catch {
                    failed += 1
                    let warning = ScanWarning(subject: "\(repository.name):\(image.tag)", message: String(describing: error))
                    repositoryWarnings.append(warning)
                    log("Skipped \(repository.name):\(image.tag): \(error)")
                }
            }
            try store.recordRepositoryScan(repository: repository.name, tags: tags, warnings: repositoryWarnings, analysedAt: startedAt)
            warnings += repositoryWarnings
        }

        // 3. Re-evaluate every stored SBOM against today's advisories, VEX and the ignore list.
        let evaluation = try Reevaluation(store: store, clock: clock, config: config).run(startedAt: startedAt)
        let run = evaluation.run
        warnings += evaluation.warnings
        log("Evaluated \(evaluation.imagesEvaluated) images against \(evaluation.advisoryCount) advisories: \(run.counts.total) findings, \(run.newFindings) new, \(run.fixedFindings) fixed\(evaluation.suppressed > 0 ? ", \(evaluation.suppressed) suppressed" : "")")

        // 4. Publish the site whole, or leave the previous one.
        let snapshot = try SnapshotBuilder(store: store, config: config).snapshot(title: config.title, generatedAt: startedAt, images: evaluation.images)
        let renderer = try SiteRenderer(templatesDirectory: templatesDirectory)
        try SitePublisher.publish(to: URL(fileURLWithPath: config.site)) { folder in
            try renderer.render(snapshot, into: folder)
        }
        log("Published \(snapshot.images.count) images to \(config.site)")

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
