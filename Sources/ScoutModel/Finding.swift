/// One vulnerability affecting one package of one image.
public struct Finding: Sendable, Hashable, Codable {
    /// The id shown first: the CVE when one is known, else the advisory id.
    public var vulnerabilityID: String
    /// Every id that describes the same vulnerability (advisory ids, aliases), sorted, without the primary.
    public var aliases: [String]
    /// The package as found in the image.
    public var package: Package
    public var severity: Severity
    public var cvssScore: Double?
    public var cvssVector: String?
    /// Where the severity came from: `Debian`, `NVD`, `GHSA`, …
    public var severitySource: String?
    /// Human range: `<1.1.1g-r0`, `>=24.0.0, <26.1.4`.
    public var affectedRange: String
    /// Versions that fix it, ascending; empty = not fixed.
    public var fixedVersions: [String]
    public var summary: String?
    /// Markdown.
    public var details: String?
    public var references: [String]
    /// The advisory ecosystem the match was made in (`Alpine:v3.10`).
    public var ecosystem: String
    /// When this vulnerability was first reported for this package of this image (RFC 3339).
    public var firstSeen: String?
    /// When the vulnerability was made public: the earliest `published` of its advisories and NVD's
    /// CVE record (RFC 3339 or NVD's zone-less form); nil when no source says.
    public var published: String?
    /// True when it was not reported by the previous run.
    public var isNew: Bool
    /// Its entry in CISA's Known Exploited Vulnerabilities catalogue, when listed and imported.
    public var kev: KEVEntry?
    /// Its EPSS score and percentile, when imported.
    public var epss: EPSSScore?
    /// Set when a VEX statement or the ignore list suppresses it: kept, shown, not counted.
    public var suppression: Suppression?

    public init(
        vulnerabilityID: String, aliases: [String] = [], package: Package, severity: Severity,
        cvssScore: Double? = nil, cvssVector: String? = nil, severitySource: String? = nil,
        affectedRange: String, fixedVersions: [String] = [], summary: String? = nil,
        details: String? = nil, references: [String] = [], ecosystem: String,
        firstSeen: String? = nil, published: String? = nil, isNew: Bool = false,
        kev: KEVEntry? = nil, epss: EPSSScore? = nil, suppression: Suppression? = nil
    ) {
        self.vulnerabilityID = vulnerabilityID
        self.aliases = aliases
        self.package = package
        self.severity = severity
        self.cvssScore = cvssScore
        self.cvssVector = cvssVector
        self.severitySource = severitySource
        self.affectedRange = affectedRange
        self.fixedVersions = fixedVersions
        self.summary = summary
        self.details = details
        self.references = references
        self.ecosystem = ecosystem
        self.firstSeen = firstSeen
        self.published = published
        self.isNew = isNew
        self.kev = kev
        self.epss = epss
        self.suppression = suppression
    }

    /// Identifies the same finding across runs: vulnerability, package type, name and version.
    public var key: String {
        "\(vulnerabilityID)|\(package.type.rawValue)|\(package.name)|\(package.version)"
    }

    /// "not fixed" or the fixed versions joined, as Scout prints them.
    public var fixedVersionDisplay: String {
        fixedVersions.isEmpty ? "not fixed" : fixedVersions.joined(separator: ", ")
    }
}

extension Array where Element == Finding {
    /// Counts per severity.
    public var severityCounts: SeverityCounts {
        var counts = SeverityCounts()
        for finding in self { counts[finding.severity] += 1 }
        return counts
    }
}
