import Foundation
import ScoutModel
import Store
import Vulnerabilities

/// Re-evaluates every stored SBOM against the current advisories, applies VEX and the ignore list, and
/// records the run with each image's counts. Reads the store only: no image is opened.
///
/// Incremental unless `full`: only images the last run did not evaluate (new, re-analysed, or with
/// evaluation warnings) and images with a package whose advisories were added, changed or withdrawn
/// since (their CVSS records included), as the store recorded at import time (`changedMatchKeys`), are
/// matched again: only their SBOMs are read, and only the advisories their packages look up. Every other image carries its
/// last findings over, with KEV and EPSS attached again and VEX and the ignore list applied again (cheap
/// next to matching, and they change without any advisory changing). A run recorded with another
/// `MatchBasis.matchingVersion`, or with no advisory sequence (before v6), is followed by a full one.
public struct Reevaluation: Sendable {
    public struct Outcome: Sendable {
        public var run: RunSummary
        public var imagesEvaluated: Int
        public var advisoryCount: Int
        public var suppressed: Int
        public var warnings: [ScanWarning]
        /// Every image's findings as recorded (first seen, new), and the evaluation's warnings per image:
        /// what the snapshot would otherwise read back from the store.
        public var findings: [String: [Finding]] = [:]
        public var evaluationWarnings: [String: [ScanWarning]] = [:]
        /// How many images were matched again (the others carried their findings over).
        public var imagesMatched = 0
        /// What `retention:` pruned at the end of the run (`EvaluateJob`), if it is configured.
        public var pruned: PruneOutcome?
    }

    public let store: ScoutStore
    public let clock: Clock
    /// OpenVEX documents applied to every image (from the config).
    public var vexPaths: [String] = []
    public var ignore: [IgnoreEntry] = []
    /// Which VEX documents inside an image apply to it (none unless its repository opted in).
    public var inImageVEX = InImageVEXPolicy(paths: [:])
    /// Matches every image again (`evaluate --full`) instead of only what can have changed.
    public var full = false

    /// How many SBOMs are read and matched at a time.
    static let batchSize = 2_000

    public init(store: ScoutStore, clock: Clock) {
        self.store = store
        self.clock = clock
    }

    /// The rules of `config`: its VEX files and ignore list.
    public init(store: ScoutStore, clock: Clock, config: Config) {
        self.init(store: store, clock: clock)
        vexPaths = config.vex
        inImageVEX = InImageVEXPolicy(config: config)
        ignore = config.ignore.map {
            IgnoreEntry(id: $0.id, package: $0.package, image: $0.image, reason: $0.reason, expires: $0.expires, source: config.file)
        }
    }

    /// `CVE-2020-28928 musl 1.1.24-r2`: a vulnerability of a source package, as Scout counts them.
    static func sourceKey(_ finding: Finding) -> String {
        "\(finding.vulnerabilityID) \(finding.package.matchName) \(finding.package.matchVersion)"
    }

    public func run(startedAt: String) throws -> Outcome {
        var warnings: [ScanWarning] = []
        var documents: [OpenVEXDocument] = []
        for path in vexPaths {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                documents.append(try OpenVEXDocument.decode(data, source: path))
            } catch let error as ImportError {
                warnings.append(ScanWarning(subject: path, message: "\(error.description); its statements were not applied"))
            } catch {
                warnings.append(ScanWarning(subject: path, message: "Failed to read the VEX document '\(path)': \(error.localizedDescription); its statements were not applied"))
            }
        }
        let rules = SuppressionRules(documents: documents, ignore: ignore, today: startedAt)
        // Recorded so that `cves` applies the same in-image documents as this run.
        try store.replaceInImageVEXPaths(inImageVEX.paths)
        // Read before the advisories: an import landing meanwhile is matched again by the next run.
        let sequence = try store.advisorySequence()
        let previousRun = try store.latestRunID()
        let before = try store.evaluationBasis(ofRun: previousRun)
        let identities = try store.imageIdentities()
        let plan = full ? nil : try MatchPlan.make(identities.map(\.digest), before: before, store: store)
        // Only the advisories the images to match look up: every key of those matched whole, the changed
        // keys for those matched in part (all advisories for a full run, or when an image's keys are not recorded).
        let keys = try plan.flatMap { plan in try store.matchKeys(ofImages: plan.wholly).map { $0.union(plan.changedKeys) } }
        let evaluator = try Evaluator(store: store, keys: keys)
        let imageFiles = try store.imageFiles()
        let previous = try previousRun.map { try store.findingSummaries(ofRun: $0) } ?? [:]

        var findings: [String: [Finding]] = [:]
        var evaluationWarnings: [String: [ScanWarning]] = [:]
        var records: [ImageRunRecord] = []
        var suppressedTotal = 0
        /// Applies the rules to one image's findings as matched (or carried over) and counts them.
        func conclude(_ digest: String, tags: [(repository: String, tag: String)], matched: [Finding], matchWarnings: [ScanWarning]) {
            let (inside, vexWarnings) = inImageVEX.documents(imageFiles[digest] ?? [:], repositories: tags.map(\.repository))
            var imageWarnings = vexWarnings
            let identity = ImageIdentity(digest: digest, tags: tags)
            // Recorded most urgent first, the order every list shows (the site then shares them as they are).
            let evaluated = rules.apply(to: matched, image: identity, imageDocuments: inside).sortedByPriority()
            findings[digest] = evaluated
            imageWarnings += matchWarnings
            if !imageWarnings.isEmpty { evaluationWarnings[digest] = imageWarnings }

            // Per image, counted as Scout counts: once per vulnerability per source package.
            let active = evaluated.filter { $0.suppression == nil }
            let before = previous[digest] ?? []
            let beforeKeys = Set(before.map(\.key))
            let nowKeys = Set(evaluated.map(\.key))
            let gone = before.filter { !$0.suppressed && !nowKeys.contains($0.key) }
            let new = Set(active.filter { !beforeKeys.contains($0.key) }.map(Self.sourceKey))
            let fixed = previous[digest] == nil ? [] : Set(gone.map(\.sourceKey)).sorted()
            suppressedTotal += evaluated.count - active.count
            records.append(ImageRunRecord(
                digest: digest, counts: active.scoutCounts,
                newFindings: previousRun == nil ? 0 : new.count, fixedFindings: fixed.count,
                suppressed: Set(evaluated.filter { $0.suppression != nil }.map(Self.sourceKey)).count, fixed: fixed))
        }

        // Findings carried over: every image's not matched whole (those matched in part keep the findings
        // of their packages whose keys did not change).
        var carried: [String: [Finding]] = [:]
        if let plan, let previousRun {
            carried = try store.findings(ofRun: previousRun, images: Set(identities.map(\.digest)).subtracting(plan.wholly))
        }
        func carriedOver(_ digest: String, keeping keep: (Finding) -> Bool = { _ in true }) -> [Finding] {
            evaluator.enricher.enrich(Self.unstamped((carried.removeValue(forKey: digest) ?? []).filter(keep)))
        }

        // The SBOMs to match are read and matched a batch at a time, each batch dropped before the next:
        // memory does not grow with the fleet's SBOMs. Images not matched are never read.
        func match(_ digests: [String], packagesNamed names: Set<String>? = nil) throws {
            for start in stride(from: 0, to: digests.count, by: Self.batchSize) {
                let batch = try store.images(only: Set(digests[start..<min(start + Self.batchSize, digests.count)]), packagesNamed: names)
                let results = evaluator.evaluate(batch.map { image in
                    plan.map { $0.partly.contains(image.sbom.metadata.manifestDigest) ? $0.partial(image.sbom) : image.sbom } ?? image.sbom
                })
                for (image, result) in zip(batch, results) {
                    let digest = image.sbom.metadata.manifestDigest
                    var matched = result.findings
                    if let plan, plan.partly.contains(digest) {
                        matched += carriedOver(digest) { !plan.changedKeys.contains(MatchPlan.matchKey(of: $0)) }
                    }
                    conclude(digest, tags: image.tags, matched: matched, matchWarnings: result.warnings)
                }
            }
        }
        let digests = identities.map(\.digest)
        if let plan {
            // Of the images matched in part, only the package rows that can look up a changed key are read.
            let names = plan.packageNames
            try match(digests.filter { plan.wholly.contains($0) || (names == nil && plan.partly.contains($0)) })
            if let names { try match(digests.filter(plan.partly.contains), packagesNamed: names) }
        } else {
            try match(digests)
        }
        if let plan {
            for image in identities where !plan.wholly.contains(image.digest) && !plan.partly.contains(image.digest) {
                conclude(image.digest, tags: image.tags, matched: carriedOver(image.digest), matchWarnings: [])
            }
        }
        let run = try store.recordRun(
            startedAt: startedAt, finishedAt: clock.now(), advisorySnapshot: evaluator.snapshot,
            stamping: &findings, warnings: evaluationWarnings)
        try store.recordImageRuns(runID: run.id, records)
        try store.recordEvaluationBasis(runID: run.id, matchingVersion: MatchBasis.matchingVersion, advisorySequence: sequence,
                                        evaluatedSaved: before.saved)
        return Outcome(run: run, imagesEvaluated: findings.count,
                       advisoryCount: keys == nil ? evaluator.index.advisoryCount : try store.activeAdvisoryCount(),
                       suppressed: suppressedTotal, warnings: warnings,
                       findings: findings, evaluationWarnings: evaluationWarnings,
                       imagesMatched: plan.map { $0.wholly.count + $0.partly.count } ?? digests.count)
    }

    /// The images to match again, wholly or in part (of `digests`, every stored image), or nil for all.
    static func imagesToMatch(_ digests: [String], before: EvaluationBasis, store: ScoutStore) throws -> Set<String>? {
        try MatchPlan.make(digests, before: before, store: store).map { $0.wholly.union($0.partly) }
    }

    /// A recorded finding as matching made it: without the run's first-seen time, new flag, KEV and EPSS
    /// (attached again) and suppression (applied again).
    static func unstamped(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            var finding = finding
            finding.firstSeen = nil
            finding.isNew = false
            finding.kev = nil
            finding.epss = nil
            finding.suppression = nil
            return finding
        }
    }
}
