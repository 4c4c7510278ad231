/// One analysed image with the findings of the latest evaluation: what reports and pages show.
public struct ImageReport: Sendable, Hashable, Codable {
    /// The repository it belongs to (`library/alpine`), when it came from the config.
    public var repository: String?
    /// Tags that currently point at this digest, newest first.
    public var tags: [String]
    /// The reference the user typed or the config named (`archive://images/alpine-310.tar.gz`).
    public var source: String
    public var sbom: ImageSBOM
    /// Sorted by severity, then package name, then vulnerability id.
    public var findings: [Finding]
    /// When the digest was first analysed (RFC 3339).
    public var firstSeen: String?
    /// Display name of the base image, when known.
    public var baseImage: String?
    /// The detected base image, its hierarchy, and the refreshed and updated bases; nil when none is known.
    public var base: BaseImageSummary?
    /// Scout's default policies and the health score; nil when they were not evaluated.
    public var policies: PolicyReport?
    /// Findings suppressed by VEX or the ignore list: shown as such, left out of `findings` and every count.
    public var suppressed: [Finding]
    /// This image after each run that evaluated it, oldest first (the per-image trend).
    public var trend: [ImageTrendPoint]
    /// Ids of the vulnerabilities the previous run reported and the latest did not (`id package version`).
    public var fixedSinceLastRun: [String]
    /// What matching could not decide (a version that cannot be compared, an ecosystem without an
    /// ordering): neither "vulnerable" nor "not vulnerable" is claimed, and every report says so.
    public var evaluationWarnings: [ScanWarning] = []
    /// Only in `baseOnly` repositories: it has its own page (the base of other images) but no row on the
    /// Images tab and no part in the fleet's counts.
    public var baseOnly = false
    /// The team that owns its repository (`owner:`, `owners:` globs, the registry's `owner:`), when configured.
    public var owner: Owner? = nil

    public init(
        repository: String?, tags: [String], source: String, sbom: ImageSBOM,
        findings: [Finding], firstSeen: String? = nil, baseImage: String? = nil,
        base: BaseImageSummary? = nil, policies: PolicyReport? = nil,
        suppressed: [Finding] = [], trend: [ImageTrendPoint] = [], fixedSinceLastRun: [String] = []
    ) {
        self.repository = repository
        self.tags = tags
        self.source = source
        self.sbom = sbom
        self.findings = findings
        self.firstSeen = firstSeen
        self.baseImage = baseImage
        self.base = base
        self.policies = policies
        self.suppressed = suppressed
        self.trend = trend
        self.fixedSinceLastRun = fixedSinceLastRun
    }

    /// Findings of the latest run that the previous run did not report (suppressed ones left out).
    public var newFindings: [Finding] { findings.filter(\.isNew) }

    public var digest: String { sbom.metadata.manifestDigest }

    /// `repository:tag`, or the source, or the short digest.
    public var displayName: String {
        if let repository, let tag = tags.first { return "\(repository):\(tag)" }
        if let repository { return "\(repository)@\(digest.shortDigest)" }
        return source
    }
}

/// A configured (or discovered) repository and its state.
public struct RepositoryStatus: Sendable, Hashable, Codable {
    public var name: String
    public var enabled: Bool
    /// Where its images come from: `archive://…`, `oci-dir://…`, a registry host.
    public var source: String
    /// RFC 3339 time of the last run that analysed it.
    public var lastAnalysed: String?
    public var imageCount: Int
    /// Images of this repository that the last run could not read.
    public var warnings: [ScanWarning]
    /// Which tags are analysed (`include 1.*; newest 3`, or the tags listed), from the config; nil when unknown.
    public var tagFilter: String?
    /// Where `enabled` comes from; nil when unknown.
    public var stateOrigin: RepositoryStateOrigin?
    /// The config's `enabled:` flag, when the config names the repository.
    public var configEnabled: Bool?
    /// True when the config lists it with `baseOnly: true` (analysed for base detection, off the Images tab).
    public var baseOnly: Bool

    public init(name: String, enabled: Bool, source: String, lastAnalysed: String? = nil, imageCount: Int = 0, warnings: [ScanWarning] = [],
                tagFilter: String? = nil, stateOrigin: RepositoryStateOrigin? = nil, configEnabled: Bool? = nil, baseOnly: Bool = false) {
        self.name = name
        self.enabled = enabled
        self.source = source
        self.lastAnalysed = lastAnalysed
        self.imageCount = imageCount
        self.warnings = warnings
        self.tagFilter = tagFilter
        self.stateOrigin = stateOrigin
        self.configEnabled = configEnabled
        self.baseOnly = baseOnly
    }
}

/// Where a repository's enabled state comes from: what a person must change to change it.
public enum RepositoryStateOrigin: String, Sendable, Hashable, Codable {
    /// `enabled:` in the config file.
    case config
    /// `scout-report repo enable` or `repo disable`: stored, and wins over the config until set again.
    case command
    /// Found in a registry's catalog, not in the config: disabled until `repo enable`.
    case discovered
    /// No longer in the config: its history is kept, it is not analysed.
    case removed
}

/// An advisory source and what its last import gave.
public struct AdvisorySourceStatus: Sendable, Hashable, Codable {
    public var name: String
    /// `osv`, `alpine-secdb`, `nvd`.
    public var kind: String
    public var records: Int
    /// RFC 3339 time of the last successful import.
    public var importedAt: String?
    public var warnings: [ScanWarning]
    /// Where it is read from: a path, or an `http(s)://` URL (credentials removed).
    public var location: String?
    /// RFC 3339 time a remote source was last checked (a `304 Not Modified` updates this, not `importedAt`).
    public var checkedAt: String?

    public init(name: String, kind: String, records: Int, importedAt: String? = nil, warnings: [ScanWarning] = [], location: String? = nil, checkedAt: String? = nil) {
        self.name = name
        self.kind = kind
        self.records = records
        self.importedAt = importedAt
        self.warnings = warnings
        self.location = location
        self.checkedAt = checkedAt
    }
}

/// One recorded run of the nightly job.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var startedAt: String
    public var counts: SeverityCounts
    public var imagesEvaluated: Int
    public var newFindings: Int
    public var fixedFindings: Int

    public init(id: Int64, startedAt: String, counts: SeverityCounts, imagesEvaluated: Int, newFindings: Int, fixedFindings: Int) {
        self.id = id
        self.startedAt = startedAt
        self.counts = counts
        self.imagesEvaluated = imagesEvaluated
        self.newFindings = newFindings
        self.fixedFindings = fixedFindings
    }
}

/// Everything the site shows, read from the store in one go.
public struct FleetSnapshot: Sendable, Hashable, Codable {
    public var title: String
    /// RFC 3339 time the snapshot was taken (pinned in tests and in `site-example/`).
    public var generatedAt: String
    public var images: [ImageReport]
    public var repositories: [RepositoryStatus]
    public var advisorySources: [AdvisorySourceStatus]
    /// Newest first.
    public var runs: [RunSummary]
    /// Every tag → digest pointer ever seen, so a repository page can list its digests over time.
    public var tagHistory: [TagRecord]
    /// What recent runs changed (new critical, high and KEV findings; fixed ones), newest first: the Atom feeds.
    public var runChanges: [RunChanges] = []
    /// The ignore entries and VEX statements worth a look (expired, expiring soon, matching nothing).
    public var exceptionNotes: [ExceptionNote] = []
    /// Webhook deliveries of the previous run that failed after their retries.
    public var deliveryFailures: [ScanWarning] = []
    /// What the store keeps (`retention:`), in a sentence for the settings page.
    public var retention = "Every image and every run of history are kept."

    public init(title: String, generatedAt: String, images: [ImageReport], repositories: [RepositoryStatus], advisorySources: [AdvisorySourceStatus], runs: [RunSummary], tagHistory: [TagRecord] = []) {
        self.title = title
        self.generatedAt = generatedAt
        self.images = images
        self.repositories = repositories
        self.advisorySources = advisorySources
        self.runs = runs
        self.tagHistory = tagHistory
    }
}

extension String {
    /// `sha256:0123456789ab…` → `0123456789ab` (12 hex digits, as Scout prints digests).
    public var shortDigest: String {
        let hex = split(separator: ":").last.map(String.init) ?? self
        return String(hex.prefix(12))
    }
}
