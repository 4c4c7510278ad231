import Foundation
import ScoutModel
import Store
import Templates

/// `scout-report evaluate`: re-evaluates every stored SBOM (no image is read), records the run, and
/// publishes the site unless told not to.
public struct EvaluateJob: Sendable {
    public let config: Config
    public let clock: Clock
    public let templatesDirectory: URL?
    public let publishSite: Bool
    /// Where the `notify:` webhooks' URL variables are read.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Match every stored image again (`evaluate --full`), not only what can have changed since the last run.
    public var full = false
    /// Progress lines: `Evaluated …` when the run is recorded, `Published …` (files written and linked)
    /// when the site is swapped in.
    public var log: @Sendable (String) -> Void = { _ in }

    public init(config: Config, clock: Clock = Clock(), templatesDirectory: URL? = nil, publishSite: Bool = true) {
        self.config = config
        self.clock = clock
        self.templatesDirectory = templatesDirectory
        self.publishSite = publishSite
    }

    public func run() throws -> Reevaluation.Outcome {
        let startedAt = clock.now()
        let store = try ScoutStore(path: config.store)
        var reevaluation = Reevaluation(store: store, clock: clock, config: config)
        reevaluation.full = full
        let outcome = try reevaluation.run(startedAt: startedAt)
        var result = outcome
        log("Evaluated \(outcome.imagesEvaluated) images against \(outcome.advisoryCount) advisories: \(outcome.run.counts.total) findings")
        if publishSite {
            let snapshot = try SnapshotBuilder(store: store, config: config).snapshot(title: config.title, generatedAt: startedAt, evaluation: outcome)
            let renderer = try SiteRenderer(templatesDirectory: templatesDirectory)
            var written = SiteWriteCounts()
            try SitePublisher.publish(to: URL(fileURLWithPath: config.site)) { folder in
                written = try renderer.render(snapshot, into: folder, linkingUnchangedFrom: URL(fileURLWithPath: config.site))
            }
            log("Published \(snapshot.images.count) images to \(config.site): \(written.summary)")
            result.warnings += RunNotices.afterPublish(store: store, config: config, run: outcome.run, snapshot: snapshot,
                                                       environment: environment, log: { _ in })
        }
        // What `retention:` does not keep is pruned at the end of the run.
        result.pruned = try config.retention.apply(to: store, now: startedAt)
        return result
    }
}
