/// One advisory as imported: OSV's shape, which every feed is converted into.
public struct Advisory: Sendable, Hashable, Codable {
    public var id: String
    public var aliases: [String]
    /// Related ids (`related` in OSV, upstream ids such as the CVE a DSA fixes).
    public var related: [String]
    public var summary: String?
    /// Markdown.
    public var details: String?
    public var published: String?
    public var modified: String?
    public var withdrawn: String?
    /// CVSS vectors (`CVSS_V3`, `CVSS_V4`, `CVSS_V2` with the vector as score).
    public var severity: [SeverityScore]
    /// The database's own severity word (`database_specific.severity`), when it has one.
    public var databaseSeverity: String?
    public var affected: [AffectedPackage]
    public var references: [String]

    public init(
        id: String, aliases: [String] = [], related: [String] = [], summary: String? = nil,
        details: String? = nil, published: String? = nil, modified: String? = nil,
        withdrawn: String? = nil, severity: [SeverityScore] = [], databaseSeverity: String? = nil,
        affected: [AffectedPackage] = [], references: [String] = []
    ) {
        self.id = id
        self.aliases = aliases
        self.related = related
        self.summary = summary
        self.details = details
        self.published = published
        self.modified = modified
        self.withdrawn = withdrawn
        self.severity = severity
        self.databaseSeverity = databaseSeverity
        self.affected = affected
        self.references = references
    }
}

/// An OSV `severity[]` entry: a type and a CVSS vector.
public struct SeverityScore: Sendable, Hashable, Codable {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`.
    public var type: String
    public var score: String

    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}

/// An OSV `affected[]` entry.
public struct AffectedPackage: Sendable, Hashable, Codable {
    /// OSV ecosystem, with release where the ecosystem has them: `Debian:10`, `Alpine:v3.10`, `PyPI`.
    public var ecosystem: String
    public var name: String
    public var purl: String?
    public var ranges: [AffectedRange]
    /// Explicitly listed affected versions.
    public var versions: [String]
    /// `ecosystem_specific.severity` or `database_specific.severity` of this entry.
    public var severity: String?

    public init(ecosystem: String, name: String, purl: String? = nil, ranges: [AffectedRange] = [], versions: [String] = [], severity: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
        self.ranges = ranges
        self.versions = versions
        self.severity = severity
    }
}

/// An OSV range: a type and ordered events.
public struct AffectedRange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case ecosystem = "ECOSYSTEM"
        case semver = "SEMVER"
        case git = "GIT"
    }

    public var type: Kind
    public var events: [RangeEvent]

    public init(type: Kind, events: [RangeEvent]) {
        self.type = type
        self.events = events
    }
}

/// One OSV range event.
public enum RangeEvent: Sendable, Hashable, Codable {
    case introduced(String)
    case fixed(String)
    case lastAffected(String)
    case limit(String)

    public var version: String {
        switch self {
        case .introduced(let v), .fixed(let v), .lastAffected(let v), .limit(let v): v
        }
    }
}
