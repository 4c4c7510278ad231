/// A work-queue operation that failed; names the operation and the database (its password removed),
/// never bound values.
public struct QueueError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// The server could not be reached or refused the login (libpq's message).
        case cannotConnect(String)
        /// A statement failed (the server's message).
        case statement(String)
        /// A row did not hold what the queue wrote (a column missing or not a number).
        case unexpectedRow(String)
    }

    public var operation: String
    /// The queue's URL without its password.
    public var database: String
    public var reason: Reason

    public init(operation: String, database: String, reason: Reason) {
        self.operation = operation
        self.database = database
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .cannotConnect(let message):
            "Failed to connect to the work queue '\(database)': \(message); check `queue: url`, that PostgreSQL runs, and the password in PGPASSWORD or ~/.pgpass."
        case .statement(let message):
            "Failed to \(operation) in the work queue '\(database)': \(message)"
        case .unexpectedRow(let what):
            "Failed to \(operation) in the work queue '\(database)': \(what); was the queue's schema changed by hand?"
        }
    }
}
