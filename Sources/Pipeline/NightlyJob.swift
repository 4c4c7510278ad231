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
    }

    public let config: Config
    public let clock: Clock
    public let templatesDirectory: URL?
    /// Wait for another run on the same store instead of failing at once.
    public let waitForLock: Bool
    /// Progress lines (stderr in the CLI).
    public let log: @Sendable (String) -> Void

    public init(config: Config, clock: Clock = Clock(), templatesDirectory: URL? = nil, waitForLock: Bool = false, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.config = config
        self.clock = clock
        self.templatesDirectory = templatesDirectory
        self.waitForLock = waitForLock
        self.log = log
    }

    public func run() throws -> Outcome {
        let lock = try RunLock(storePath: config.store, wait: waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let startedAt = clock.now()
        let store = try ScoutStore(path: config.store)
        try store.syncRepositories(config.repositories.map { ($0.name, $0.enabled, $0.sourceDescription) })
        var warnings: [ScanWarning] = []

        // 1. Advisories, each source in its own transaction.
        let importer = AdvisoryImporter(store: store, clock: clock)
        var advisoryRecords = 0
        for source in config.advisories {
            let result = try importer.importSource(name: source.name, format: source.format, path: source.path)
            advisoryRecords += result.records
            warnings += result.warnings
            log(result.imported
                ? "Imported \(result.records) records from '\(source.name)'\(result.warnings.isEmpty ? "" : " (\(result.warnings.count) warnings)")"
                : "Kept the previous records of '\(source.name)': \(result.warnings.first?.message ?? "nothing readable")")
        }

        // 2. Images: a digest already analysed is never read again.
        let analyzer = ImageAnalyzer(store: store, platform: config.platform, clock: clock, layerCache: LayerCache())
        var analysed = 0, cached = 0, failed = 0
        for repository in config.repositories where repository.enabled {
            var repositoryWarnings: [ScanWarning] = []
            for image in repository.images {
                do {
                    let outcome = try analyzer.analyse(image.reference, source: image.written, metadataOnlyWhenCached: true)
                    try store.recordTag(repository: repository.name, tag: image.tag, digest: outcome.sbom.metadata.manifestDigest, source: image.written, at: clock.now())
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
            try store.replaceRepositoryWarnings(repository: repository.name, warnings: repositoryWarnings)
            try store.markAnalysed(repository: repository.name, at: startedAt)
            warnings += repositoryWarnings
        }

        // 3. Re-evaluate every stored SBOM against today's advisories.
        let evaluator = try Evaluator(store: store)
        var findings: [String: [Finding]] = [:]
        var evaluationWarnings: [String: [ScanWarning]] = [:]
        for image in try store.images() {
            let result = evaluator.evaluate(image.sbom)
            findings[image.sbom.metadata.manifestDigest] = result.findings
            if !result.warnings.isEmpty { evaluationWarnings[image.sbom.metadata.manifestDigest] = result.warnings }
        }
        let run = try store.recordRun(
            startedAt: startedAt, finishedAt: clock.now(), advisorySnapshot: evaluator.snapshot,
            findings: findings, warnings: evaluationWarnings)
        log("Evaluated \(findings.count) images against \(evaluator.index.advisoryCount) advisories: \(run.counts.total) findings, \(run.newFindings) new, \(run.fixedFindings) fixed")

        // 4. Publish the site whole, or leave the previous one.
        let snapshot = try SnapshotBuilder(store: store).snapshot(title: config.title, generatedAt: startedAt)
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
        outcome.nothingDone = findings.isEmpty && advisoryRecords == 0 && analysed == 0 && cached == 0
        return outcome
    }
}
