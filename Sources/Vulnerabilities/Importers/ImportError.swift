/// An advisory file or feed that cannot be imported.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unreadable(String)
        case malformed(String)
        case unknownFormat
    }

    /// The file (and entry inside an archive) concerned.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unreadable(let why): "Failed to read advisory file '\(path)': \(why)"
        case .malformed(let why): "Failed to import advisory file '\(path)': \(why)"
        case .unknownFormat: "Failed to import advisory file '\(path)': not a format this source reads"
        }
    }
}
