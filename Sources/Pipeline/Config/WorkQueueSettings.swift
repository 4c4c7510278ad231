/// `queue:`: the PostgreSQL work queue shared by the nightly run and `scout-report worker`.
public struct WorkQueueSettings: Sendable, Hashable {
    /// `postgresql://user@host:port/database`; the password comes from PGPASSWORD or ~/.pgpass.
    public var url: String
    /// Seconds a claim lives without a heartbeat.
    public var lease: Double = 120
    /// Attempts before a job fails, keeping its last error.
    public var attempts = 3
    /// Seconds the nightly run waits for workers before it publishes what is done.
    public var wait: Double = 7200

    public init(url: String, lease: Double = 120, attempts: Int = 3, wait: Double = 7200) {
        self.url = url
        self.lease = lease
        self.attempts = attempts
        self.wait = wait
    }
}
