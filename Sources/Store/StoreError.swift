/// A store operation that failed; names the operation and the database file, never bound values.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        case cannotOpen
        case database(String)
        case corruptRecord(String)
    }

    public var operation: String
    public var path: String
    public var reason: Reason

    public init(operation: String, path: String, reason: Reason) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .cannotOpen: "Failed to open the store '\(path)'"
        case .database(let message): "Failed to \(operation) in the store '\(path)': \(message)"
        case .corruptRecord(let what): "Failed to \(operation) in the store '\(path)': a stored \(what) cannot be read"
        }
    }
}
