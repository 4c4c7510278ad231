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
        /// Every stored image as evaluated when every one was matched: the snapshot reuses them instead of
        /// decoding each SBOM again. Nil when only some were (their SBOMs alone were read): the snapshot
        /// reads the images itself.
        public var images: [StoredImage]?
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
        let toMatch = full ? nil : try Self.imagesToMatch(identities.map(\.digest), before: before, store: store)
        let evaluator: Evaluator
        let images: [StoredImage]
        if let toMatch {
            // Only the SBOMs to match are read, and only the advisories their packages look up.
            images = try store.images(only: toMatch)
            evaluator = try Evaluator(store: store, keys: Self.matchKeys(of: images))
        } else {
            (evaluator, images) = try Evaluator.loading(store: store)
        }
        let imageFiles = try store.imageFiles()
        let previous = try previousRun.map { try store.findingSummaries(ofRun: $0) } ?? [:]
        var carried: [String: [Finding]] = [:]
        if let toMatch, let previousRun {
            carried = try store.findings(ofRun: previousRun, images: Set(identities.map(\.digest)).subtracting(toMatch))
        }
        var slots: [String: Int] = [:]
        for (slot, image) in images.enumerated() { slots[image.sbom.metadata.manifestDigest] = slot }

        var findings: [String: [Finding]] = [:]
        var evaluationWarnings: [String: [ScanWarning]] = [:]
        var records: [ImageRunRecord] = []
        var suppressedTotal = 0
        var results = evaluator.evaluate(images.map(\.sbom))
        for image in identities {
            let digest = image.digest
            let matchedFindings: [Finding]
            var matchWarnings: [ScanWarning] = []
            if let slot = slots[digest] {
                // Each image's raw matches are dropped once its findings are made (not all held to the end).
                matchedFindings = results[slot].findings
                matchWarnings = results[slot].warnings
                results[slot].findings = []
            } else {
                matchedFindings = evaluator.enricher.enrich(Self.unstamped(carried.removeValue(forKey: digest) ?? []))
            }
            let (inside, vexWarnings) = inImageVEX.documents(imageFiles[digest] ?? [:], repositories: image.tags.map(\.repository))
            var imageWarnings = vexWarnings
            let identity = ImageIdentity(digest: digest, tags: image.tags)
            // Recorded most urgent first, the order every list shows (the site then shares them as they are).
            let evaluated = rules.apply(to: matchedFindings, image: identity, imageDocuments: inside).sortedByPriority()
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
            let suppressed = evaluated.count - active.count
            suppressedTotal += suppressed
            records.append(ImageRunRecord(
                digest: digest, counts: active.scoutCounts,
                newFindings: previousRun == nil ? 0 : new.count, fixedFindings: fixed.count,
                suppressed: Set(evaluated.filter { $0.suppression != nil }.map(Self.sourceKey)).count, fixed: fixed))
        }
        let run = try store.recordRun(
            startedAt: startedAt, finishedAt: clock.now(), advisorySnapshot: evaluator.snapshot,
            stamping: &findings, warnings: evaluationWarnings)
        try store.recordImageRuns(runID: run.id, records)
        try store.recordEvaluationBasis(runID: run.id, matchingVersion: MatchBasis.matchingVersion, advisorySequence: sequence,
                                        evaluatedSaved: before.saved)
        return Outcome(run: run, imagesEvaluated: findings.count,
                       advisoryCount: toMatch == nil ? evaluator.index.advisoryCount : try store.activeAdvisoryCount(),
                       suppressed: suppressedTotal, warnings: warnings, images: toMatch == nil ? images : nil,
                       findings: findings, evaluationWarnings: evaluationWarnings, imagesMatched: images.count)
    }

    /// The images to match again (of `digests`, every stored image), or nil for all (no earlier run, or
    /// one matched by another matching version or before the store kept advisory changes): those the
    /// last run did not evaluate, those saved since or with evaluation warnings, and those whose packages
    /// look up a match key whose advisories changed since the last run read them.
    static func imagesToMatch(_ digests: [String], before: EvaluationBasis, store: ScoutStore) throws -> Set<String>? {
        guard before.matchingVersion == MatchBasis.matchingVersion, let sequence = before.advisorySequence else { return nil }
        var result = before.saved.union(before.withWarnings).union(digests.filter { !before.evaluated.contains($0) })
        result.formUnion(try store.imagesLookingUp(try store.changedMatchKeys(since: sequence)))
        return result.intersection(digests)
    }

    /// Every match key the packages of `images` look up.
    static func matchKeys(of images: [StoredImage]) -> Set<String> {
        var keys: Set<String> = []
        for image in images {
            let os = image.sbom.os?.osvEcosystem
            for package in image.sbom.packages {
                if let key = MatchKey.of(package, osEcosystem: os) { keys.insert(key) }
            }
        }
        return keys
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
