import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How often and how long to wait before asking a busy or failing registry again.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first one included.
    public var maxAttempts: Int
    /// The wait before the second attempt; doubled for each further one (with jitter).
    public var baseDelay: TimeInterval
    /// No single wait is longer, whatever `Retry-After` asks.
    public var maxDelay: TimeInterval

    /// Defaults: 5 attempts, 0.5 s doubling, at most 60 s per wait.
    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), honouring `Retry-After` when given.
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> TimeInterval {
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter) {
            return min(maxDelay, max(0, seconds))
        }
        let exponential = baseDelay * pow(2, Double(attempt - 1))
        return min(maxDelay, exponential * Double.random(in: 0.8...1.2))
    }

    /// `Retry-After`: delta-seconds or an HTTP date.
    static func parseRetryAfter(_ text: String, now: Date = Date()) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { $0.timeIntervalSince(now) }
    }

    /// Statuses worth another try: 408, 429 and 5xx other than 501 and 505.
    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status) && status != 501 && status != 505
    }

    /// Timeouts and dropped connections, not TLS or DNS configuration errors.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? URLError else { return false }
        switch error.code {
        case .timedOut, .networkConnectionLost, .cannotConnectToHost, .notConnectedToInternet,
             .cannotFindHost, .dnsLookupFailed, .badServerResponse, .resourceUnavailable:
            return true
        default:
            return false
        }
    }
}

/// What one client did, for logs and for tests that prove what was (not) downloaded.
public struct RegistryStatistics: Sendable, Hashable {
    /// Every HTTP request sent, retries and token requests included.
    public var requests = 0
    public var manifestHeads = 0
    /// Manifest GETs by reference (tag or digest).
    public var manifestGets: [String: Int] = [:]
    /// Blob GETs by digest (a large blob is fetched in several ranged requests).
    public var blobGets: [String: Int] = [:]
    public var blobBytes: Int64 = 0
    public var retries = 0
    public var tokenRequests = 0
    /// The most response-body bytes one request held in memory at once.
    public var peakBufferedBytes = 0

    public init() {}
}
