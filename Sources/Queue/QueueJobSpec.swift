/// An image to analyse: what the coordinator enqueues. Credentials are never part of it: a worker
/// finds the registry by its configured name and uses its own.
public struct QueueJobSpec: Sendable, Hashable {
    public var digest: String
    /// `os/arch[/variant]`.
    public var platform: String
    /// The registry's name in the configuration.
    public var registry: String
    /// The repository's path in that registry.
    public var repository: String
    /// What the store records as the image's origin.
    public var source: String
    /// Bytes to download (the layers' sizes): the largest are claimed first.
    public var size: Int64

    public init(digest: String, platform: String, registry: String, repository: String, source: String, size: Int64) {
        self.digest = digest
        self.platform = platform
        self.registry = registry
        self.repository = repository
        self.source = source
        self.size = size
    }
}
