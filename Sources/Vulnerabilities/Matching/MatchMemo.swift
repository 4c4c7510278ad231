import Versions

/// What each (ecosystem, name, installed version) gave against one `AdvisoryIndex`: the matcher asks
/// once per distinct key, not once per image. Keyed by the full ecosystem (with release), the
/// normalised name and the version compared (a package's source version when it has one).
public struct MatchMemo: Sendable {
    struct Key: Hashable, Sendable {
        var key: EcosystemKey
        var version: String
    }

    /// An entry of the bucket (by position) that affects the version, or that could not be evaluated.
    struct Hit: Sendable {
        var entry: Int
        var error: VersionError?
    }

    enum Outcome: Sendable {
        /// The installed version cannot be read in the ecosystem's scheme.
        case unreadableVersion(VersionError)
        case entries([Hit])
    }

    var outcomes: [Key: Outcome] = [:]

    public init() {}

    /// How many distinct (ecosystem, name, version) were evaluated.
    public var count: Int { outcomes.count }
}
