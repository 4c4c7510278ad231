import BaseImages
import ScoutModel
import Store

/// Reads what the site shows from the store in one go.
public struct SnapshotBuilder: Sendable {
    public let store: ScoutStore
    /// Inputs of the policies evaluated per image.
    public let policies: PolicySettings
    /// Repositories kept off the Images tab (still used to detect base images).
    public let baseOnlyRepositories: Set<String>
    /// The tag selection shown on the settings page, by repository name, then by source (the
    /// registries' selection for repositories discovered in their catalogs).
    public let tagFilters: [String: String]
    public let sourceTagFilters: [String: String]
    /// The config's `enabled:` flag by repository name (the settings page says where each state comes from).
    public let configEnabled: [String: Bool]
    /// Who owns each repository (empty: nobody is named).
    public var owners = OwnerResolver()
    /// How many recent runs the Atom feeds tell about.
    public var feedRuns = 20
    /// The ignore entries and VEX documents to audit (expired, expiring, unused); nil: none.
    public var exceptions: ExceptionAudit? = nil
    /// What the store keeps, as the settings page says it.
    public var retention = Retention()

    public init(store: ScoutStore, policies: PolicySettings = PolicySettings(), baseOnlyRepositories: Set<String> = [],
                tagFilters: [String: String] = [:], sourceTagFilters: [String: String] = [:], configEnabled: [String: Bool] = [:]) {
        self.store = store
        self.configEnabled = configEnabled
        self.policies = policies
        self.baseOnlyRepositories = baseOnlyRepositories
        self.tagFilters = tagFilters
        self.sourceTagFilters = sourceTagFilters
    }

    /// The builder for a configuration: its policies, base-only repositories and tag selections.
    public init(store: ScoutStore, config: Config) {
        let registries = RegistrySet(config: config, environment: [:])
        var sourceFilters: [String: String] = [:]
        for registry in config.registries {
            sourceFilters[registries.source(ofRegistry: registry.name)] = "when enabled: " + registry.tags.summary
        }
        self.init(store: store, policies: config.policies, baseOnlyRepositories: Set(config.repositories.filter(\.baseOnly).map(\.name)),
                  tagFilters: Dictionary(config.repositories.map { ($0.name, $0.tagSummary) }, uniquingKeysWith: { first, _ in first }),
                  sourceTagFilters: sourceFilters,
                  configEnabled: Dictionary(config.repositories.map { ($0.name, $0.enabled) }, uniquingKeysWith: { first, _ in first }))
        owners = OwnerResolver(config: config)
        exceptions = ExceptionAudit(config: config)
        retention = config.retention
    }

    /// Every stored image with its latest findings, repositories, sources and runs. `evaluation` is the
    /// re-evaluation the caller has just recorded (the nightly job's): its findings and warnings are the
    /// store's latest, so they are not read back.
    public func snapshot(title: String, generatedAt: String, evaluation: Reevaluation.Outcome? = nil) throws -> FleetSnapshot {
        let findings = try evaluation?.findings ?? store.latestFindings()
        let evaluationWarnings = try evaluation?.evaluationWarnings ?? store.latestEvaluationWarnings()
        var stored: [String: RepositorySetting] = [:]
        for setting in try store.repositorySettings() { stored[setting.name] = setting }
        let repositories = try store.repositories().map { repository in
            var repository = repository
            repository.tagFilter = tagFilters[repository.name] ?? sourceTagFilters[repository.source]
            repository.configEnabled = configEnabled[repository.name]
            repository.baseOnly = baseOnlyRepositories.contains(repository.name)
            repository.stateOrigin = Self.origin(stored[repository.name], configured: configEnabled[repository.name] != nil)
            return repository
        }
        let disabled = Set(repositories.filter { !$0.enabled }.map(\.name))
        let history = try store.tagHistory()
        let trends = try store.imageTrends()
        // A digest no tag points at any more still belongs to the repository it was last seen in.
        var pastRepository: [String: String] = [:]
        for record in history.sorted(by: { $0.since < $1.since }) { pastRepository[record.digest] = record.repository }
        // Every repository that ever named a digest, in history order: looked up per image, built once.
        var historyRepositories: [String: [String]] = [:]
        if !baseOnlyRepositories.isEmpty {
            for record in history { historyRepositories[record.digest, default: []].append(record.repository) }
        }
        var images: [ImageReport] = []
        var everyImage: [ImageReport] = []
        // Read here, not kept by the evaluation (which reads only the SBOMs it matches, a batch at a time).
        for image in try store.images() {
            let digest = image.sbom.metadata.manifestDigest
            everyImage.append(ImageReport(
                repository: image.tags.first?.repository, tags: image.tags.map(\.tag), source: image.source,
                sbom: image.sbom, findings: findings[digest] ?? [], firstSeen: image.firstSeen))
            // An image only reachable through disabled repositories keeps its history but leaves the Images tab.
            let tags = image.tags.filter { !disabled.contains($0.repository) }
            if !image.tags.isEmpty && tags.isEmpty { continue }
            if image.tags.isEmpty, let past = pastRepository[digest], disabled.contains(past) { continue }
            let baseOnly = isBaseOnly(tags.isEmpty ? historyRepositories[digest] ?? [] : tags.map(\.repository))
            var sbom = image.sbom
            sbom.warnings += evaluationWarnings[digest] ?? []
            // Suppressed findings (VEX, ignore list) are shown apart and counted nowhere.
            let all = findings[digest] ?? []
            // Most images have nothing suppressed: their list is shared, not copied.
            let anySuppressed = all.contains { $0.suppression != nil }
            images.append(ImageReport(
                repository: tags.first?.repository ?? pastRepository[digest], tags: tags.map(\.tag), source: image.source, sbom: sbom,
                findings: anySuppressed ? all.filter { $0.suppression == nil } : all, firstSeen: image.firstSeen,
                suppressed: anySuppressed ? all.filter { $0.suppression != nil } : [],
                trend: trends.trends[digest] ?? [], fixedSinceLastRun: trends.fixed[digest] ?? []))
            images[images.count - 1].baseOnly = baseOnly
            images[images.count - 1].evaluationWarnings = evaluationWarnings[digest] ?? []
        }
        // High-profile vulnerabilities: the config's list plus every finding CISA lists as known exploited.
        var settings = policies
        for list in findings.values {
            for finding in list where finding.kev != nil { settings.knownExploited.insert(finding.vulnerabilityID) }
        }
        let context = BaseImageContext(images: everyImage, history: history, settings: settings)
        images = BaseImageAnnotator.annotate(images, catalog: context.catalog, settings: settings, now: generatedAt)
        images.sort { ($0.repository ?? "~", $0.tags.first ?? "", $0.digest) < ($1.repository ?? "~", $1.tags.first ?? "", $1.digest) }
        let sources = Dictionary(repositories.map { ($0.name, $0.source) }, uniquingKeysWith: { first, _ in first })
        for index in images.indices {
            // Findings most urgent first: the default order of every list (FindingPriority).
            images[index].findings = images[index].findings.sortedByPriority()
            images[index].suppressed = images[index].suppressed.sortedByPriority()
            if let repository = images[index].repository { images[index].owner = owners.owner(of: repository, source: sources[repository]) }
        }
        var snapshot = FleetSnapshot(
            title: title, generatedAt: generatedAt, images: images, repositories: repositories,
            advisorySources: try store.advisorySourceDetails(), runs: try store.runs(),
            tagHistory: history.filter { !disabled.contains($0.repository) })
        snapshot.runChanges = try runChanges(history: history, hidden: disabled.union(baseOnlyRepositories), sources: sources)
        // Only suppressed findings matter to the audit: the fleet's hundred thousand others are not copied.
        snapshot.exceptionNotes = exceptions?.notes(
            findings: Array(findings.values.lazy.flatMap { $0 }.filter { $0.suppression != nil }), today: generatedAt) ?? []
        snapshot.deliveryFailures = try store.previousRunWebhookFailures()
        snapshot.retention = retention.summary
        return snapshot
    }

    /// A stored override wins; else the config's flag, else the registry catalog that listed it.
    static func origin(_ setting: RepositorySetting?, configured: Bool) -> RepositoryStateOrigin? {
        if setting?.override != nil { return .command }
        if configured || setting?.inConfig == true { return .config }
        if setting?.discovered == true { return .discovered }
        return setting == nil ? nil : .removed
    }

    /// The recent runs' changes, each image named by the tag that pointed at it during that run (else
    /// its latest tag), images of hidden repositories left out.
    private func runChanges(history: [TagRecord], hidden: Set<String>, sources: [String: String]) throws -> [RunChanges] {
        var byDigest: [String: [TagRecord]] = [:]
        for record in history { byDigest[record.digest, default: []].append(record) }
        return try store.runChanges(limit: feedRuns).map { run in
            var run = run
            run.images = run.images.compactMap { image in
                var image = image
                let records = (byDigest[image.digest] ?? []).sorted { ($0.since, $0.repository, $0.tag) > ($1.since, $1.repository, $1.tag) }
                // A tag read during the run was recorded a moment after it started: the oldest record not ended by then.
                let during = records.first { $0.since <= run.startedAt && ($0.until.map { $0 > run.startedAt } ?? true) }
                    ?? records.last { $0.until.map { $0 > run.startedAt } ?? true } ?? records.first
                image.repository = during?.repository
                image.tag = during?.tag
                if let repository = image.repository {
                    if hidden.contains(repository) { return nil }
                    image.owner = owners.owner(of: repository, source: sources[repository])
                }
                return image
            }.sorted { ($0.repository ?? "~", $0.tag ?? "", $0.digest) < ($1.repository ?? "~", $1.tag ?? "", $1.digest) }
            return run
        }
    }

    /// True when every repository that names the image now (or, untagged, ever did) is base-only.
    private func isBaseOnly(_ names: [String]) -> Bool {
        !baseOnlyRepositories.isEmpty && !names.isEmpty && names.allSatisfy(baseOnlyRepositories.contains)
    }
}
