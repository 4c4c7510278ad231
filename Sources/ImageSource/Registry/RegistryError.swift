/// Why a registry request failed. Never carries credentials, tokens or authorization headers.
public struct RegistryError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The registry refused the credentials (or asked for some and none were found).
        case unauthorized(status: Int, hadCredentials: Bool)
        /// The registry denies access to this repository or operation.
        case forbidden
        /// The repository, tag, manifest or blob does not exist (HTTP 404).
        case notFound(String)
        /// The registry kept answering with this status (429 or 5xx) after every retry.
        case unavailable(status: Int, attempts: Int)
        /// The connection failed or timed out after every retry.
        case transport(String, attempts: Int)
        /// An unexpected HTTP status.
        case unexpectedStatus(Int, String)
        /// A blob's bytes do not hash to its digest.
        case digestMismatch(expected: String, actual: String)
        /// A blob is longer or shorter than its descriptor says.
        case sizeMismatch(expected: Int64, actual: Int64)
        /// A response could not be understood (bad JSON, bad header, unknown media type).
        case invalidResponse(String)
        /// The configuration or reference cannot be used (plain http to a remote host, bad URL).
        case invalidConfiguration(String)
        /// The authentication challenge or token endpoint could not be used.
        case authentication(String)
        /// The image's or the run's deadline passed before this was done.
        case deadlineExceeded
    }

    public var reason: Reason
    /// The registry, as its configured name or host.
    public var registry: String
    /// What was being done: `list the tags of 'app'`, `fetch blob sha256:…`.
    public var operation: String

    public init(_ reason: Reason, registry: String, operation: String) {
        self.reason = reason
        self.registry = registry
        self.operation = operation
    }

    public var description: String {
        let prefix = "Failed to \(operation) on registry '\(registry)'"
        switch reason {
        case .unauthorized(let status, let hadCredentials):
            return hadCredentials
                ? "\(prefix): the credentials were refused (HTTP \(status)); check the username and password configured for it."
                : "\(prefix): the registry requires credentials (HTTP \(status)) and none were found in the configured environment variables or ~/.docker/config.json."
        case .forbidden:
            return "\(prefix): access denied (HTTP 403)."
        case .notFound(let what):
            return "\(prefix): \(what) was not found (HTTP 404)."
        case .unavailable(let status, let attempts):
            return "\(prefix): the registry answered HTTP \(status) \(attempts) times; giving up."
        case .transport(let cause, let attempts):
            return "\(prefix): \(cause) (after \(attempts) attempts)."
        case .unexpectedStatus(let status, let detail):
            return "\(prefix): unexpected HTTP \(status)\(detail.isEmpty ? "" : " (\(detail))")."
        case .digestMismatch(let expected, let actual):
            return "\(prefix): the content hashes to \(actual), not to its digest \(expected); it was not used."
        case .sizeMismatch(let expected, let actual):
            return "\(prefix): the content is \(actual) bytes but its descriptor says \(expected); it was not used."
        case .invalidResponse(let what):
            return "\(prefix): \(what)."
        case .invalidConfiguration(let what):
            return "\(prefix): \(what)."
        case .authentication(let what):
            return "\(prefix): \(what)."
        case .deadlineExceeded:
            return "\(prefix): the deadline for this image or run passed; it is read again on the next run (raise 'image-deadline' or '--deadline' when it is too short)."
        }
    }
}
