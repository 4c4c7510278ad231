/// A tag that pointed at a digest at some time: the history a repository page shows.
public struct TagRecord: Sendable, Hashable, Codable {
    public var repository: String
    public var tag: String
    public var digest: String
    /// RFC 3339 time the tag was first seen pointing at this digest.
    public var firstSeen: String
    /// True while the tag still points at this digest.
    public var isCurrent: Bool

    public init(repository: String, tag: String, digest: String, firstSeen: String, isCurrent: Bool) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.firstSeen = firstSeen
        self.isCurrent = isCurrent
    }
}
