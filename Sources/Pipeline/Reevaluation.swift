import Foundation
import ScoutModel
import Store
import Vulnerabilities

/// Re-matches every stored SBOM against the current advisories, applies VEX and the ignore list, and
/// records the run with each image's counts. Reads the store only: no image is opened.
public struct Reevaluation: Sendable {
    public struct Outcome: Sendable {
        public var run: RunSummary
        public var imagesEvaluated: Int
        public var advisoryCount: Int
        public var suppressed: Int
        public var warnings: [ScanWarning]
        /// Every stored image as evaluated: the snapshot reuses them instead of decoding each SBOM again.
        public var images: [StoredImage] = []
        /// Every image's findings as recorded (first seen, new), and the evaluation's warnings per image:
        /// what the snapshot would otherwise read back from the store.
        public var findings: [String: [Finding]] = [:]
        public var evaluationWarnings: [String: [ScanWarning]] = [:]
    }

    public let store: ScoutStore
    public let clock: Clock
    /// OpenVEX documents applied to every image (from the config).
    public var vexPaths: [String] = []
    public var ignore: [IgnoreEntry] = []
    /// Which VEX documents inside an image apply to it (none unless its repository opted in).
    public var inImageVEX = InImageVEXPolicy(paths: [:])

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
        let (evaluator, images) = try Evaluator.loading(store: store)
        let imageFiles = try store.imageFiles()
        let previousRun = try store.latestRunID()
        let previous = try previousRun.map { try store.findingSummaries(ofRun: $0) } ?? [:]

        var findings: [String: [Finding]] = [:]
        var evaluationWarnings: [String: [ScanWarning]] = [:]
        var records: [ImageRunRecord] = []
        var suppressedTotal = 0
        var results = evaluator.evaluate(images.map(\.sbom))
        for (position, image) in images.enumerated() {
            // Each image's raw matches are dropped once its findings are made (not all held to the end).
            let result = results[position]
            results[position].findings = []
            let digest = image.sbom.metadata.manifestDigest
            let (inside, vexWarnings) = inImageVEX.documents(imageFiles[digest] ?? [:], repositories: image.tags.map(\.repository))
            var imageWarnings = vexWarnings
            let identity = ImageIdentity(digest: digest, tags: image.tags)
            // Recorded most urgent first, the order every list shows (the site then shares them as they are).
            let evaluated = rules.apply(to: result.findings, image: identity, imageDocuments: inside).sortedByPriority()
            findings[digest] = evaluated
            imageWarnings += result.warnings
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
        return Outcome(run: run, imagesEvaluated: findings.count, advisoryCount: evaluator.index.advisoryCount,
                       suppressed: suppressedTotal, warnings: warnings, images: images,
                       findings: findings, evaluationWarnings: evaluationWarnings)
    }
}
