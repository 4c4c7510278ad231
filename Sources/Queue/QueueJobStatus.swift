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
