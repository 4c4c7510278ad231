/// What one run changed that people are told about: per image, the new critical, high and KEV
/// findings (suppressed ones left out) and the findings fixed since the run before.
public struct RunChanges: Sendable, Hashable, Codable {
    public struct ImageChanges: Sendable, Hashable, Codable {
        public var digest: String
        /// The repository that named the image then (or last), when known.
        public var repository: String?
        public var tag: String?
        /// Most urgent first.
        public var newFindings: [Finding]
        /// `CVE-… package version` of each finding fixed, sorted.
        public var fixed: [String]
        /// The team owning its repository, when configured.
        public var owner: Owner? = nil

        public init(digest: String, repository: String?, tag: String?, newFindings: [Finding], fixed: [String]) {
            self.digest = digest
            self.repository = repository
            self.tag = tag
            self.newFindings = newFindings
            self.fixed = fixed
        }

        /// `repository:tag`, or `repository@digest`, or the short digest.
        public var displayName: String {
            if let repository, let tag { return "\(repository):\(tag)" }
            if let repository { return "\(repository)@\(digest.shortDigest)" }
            return digest.shortDigest
        }
    }

    public var runID: Int64
    public var startedAt: String
    /// By repository, tag and digest; images with nothing to tell are left out.
    public var images: [ImageChanges]

    public init(runID: Int64, startedAt: String, images: [ImageChanges]) {
        self.runID = runID
        self.startedAt = startedAt
        self.images = images
    }

    /// True for the findings a feed entry lists: critical, high, or known exploited.
    public static func isNotable(_ finding: Finding) -> Bool {
        finding.suppression == nil && (finding.severity <= .high || finding.kev != nil)
    }
}

/// An ignore entry or VEX statement to look at again: expired, expiring within 14 days, or matching nothing this run.
public struct ExceptionNote: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        case expired, expiringSoon = "expiring-soon", unused
    }

    /// `ignore` or `vex`.
    public var kind: String
    /// The vulnerability id, with the package or image it is limited to (`CVE-2021-28831 busybox`).
    public var subject: String
    public var state: State
    /// `expired 2026-06-30`, `expires 2026-07-09 (in 5 days)`, `matched no finding in run 12`.
    public var detail: String
    /// Where it is declared (the configuration file, the VEX document).
    public var source: String

    public init(kind: String, subject: String, state: State, detail: String, source: String) {
        self.kind = kind
        self.subject = subject
        self.state = state
        self.detail = detail
        self.source = source
    }
}
