/// A job claimed by one worker: the spec, which attempt this is, and the fencing token that
/// completes it (a later claim of the same job has a larger token).
public struct QueueJob: Sendable {
    public var id: Int64
    public var spec: QueueJobSpec
    public var attempt: Int
    public var maxAttempts: Int
    public var token: Int64
}
