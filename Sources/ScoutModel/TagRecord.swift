/// One period during which `repository:tag` pointed at a digest: the tag history kept by the store.
public struct TagRecord: Sendable, Hashable, Codable {
    public var repository: String
    public var tag: String
    public var digest: String
    /// RFC 3339 time the tag was first seen at this digest.
    public var since: String
    /// RFC 3339 time the tag was first seen elsewhere; nil while it still points here.
    public var until: String?

    public init(repository: String, tag: String, digest: String, since: String, until: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.since = since
        self.until = until
    }

    /// True while the tag still points at this digest.
    public var isCurrent: Bool { until == nil }
}
