import Foundation
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
    /// Progress lines (stderr in the CLI).
    public let log: @Sendable (String) -> Void

    public init(config: Config, clock: Clock = Clock(), templatesDirectory: URL? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.config = config
        self.clock = clock
        self.templatesDirectory = templatesDirectory
        self.log = log
    }

    public func run() throws -> Outcome {
        let startedAt = clock.now()
        let store = try ScoutStore(path: config.store)
        try store.syncRepositories(config.repositories.map { ($0.name, $0.enabled, $0.sourceDescription) })
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
        let analyzer = ImageAnalyzer(store: store, platform: config.platform, clock: clock)
        var analysed = 0, cached = 0, failed = 0
        for repository in config.repositories where repository.enabled {
            var repositoryWarnings: [ScanWarning] = []
            for image in repository.images {
                do {
                    let outcome = try analyzer.analyse(image.reference, source: image.written)
                    try store.recordTag(repository: repository.name, tag: image.tag, digest: outcome.sbom.metadata.manifestDigest, source: image.written, at: clock.now())
                    if outcome.cached { cached += 1 } else { analysed += 1 }
                    log("\(outcome.cached ? "Cached" : "Analysed") \(repository.name):\(image.tag) \(outcome.sbom.metadata.manifestDigest.shortDigest), \(outcome.sbom.packages.count) packages")
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

        // 3. Re-evaluate every stored SBOM against today's advisories, VEX and the ignore list.
        let evaluation = try Reevaluation(store: store, clock: clock, config: config).run(startedAt: startedAt)
        let run = evaluation.run
        warnings += evaluation.warnings
        log("Evaluated \(evaluation.imagesEvaluated) images against \(evaluation.advisoryCount) advisories: \(run.counts.total) findings, \(run.newFindings) new, \(run.fixedFindings) fixed\(evaluation.suppressed > 0 ? ", \(evaluation.suppressed) suppressed" : "")")

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
        outcome.nothingDone = evaluation.imagesEvaluated == 0 && advisoryRecords == 0 && analysed == 0 && cached == 0
        return outcome
    }
}
