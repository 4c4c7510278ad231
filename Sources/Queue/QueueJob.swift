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

/// A job claimed by one worker: the spec, which attempt this is, and the fencing token that
/// completes it (a later claim of the same job has a larger token).
public struct QueueJob: Sendable {
    public var id: Int64
    public var spec: QueueJobSpec
    public var attempt: Int
    public var maxAttempts: Int
    public var token: Int64
}

/// Where a job stands, for the coordinator and the settings page.
public struct QueueJobStatus: Sendable, Hashable {
    public enum State: String, Sendable {
        case queued, running, done, failed, imported
    }

    public var id: Int64
    public var state: State
    public var attempts: Int
    public var lastError: String?
    /// How many times a worker completed it (1 unless a fencing check failed to stop a second).
    public var completions: Int
}

/// What a worker wrote when it completed a job: the SBOM document and its warnings, in the same
/// transaction as the completion.
public struct QueueResult: Sendable {
    public var document: [UInt8]
    public var warnings: String
}
