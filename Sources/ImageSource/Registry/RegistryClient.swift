import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks the OCI distribution API to one registry: authentication, retries, tags, catalog, manifests, blobs.
///
/// Built on Foundation's URLSession. Safe to share between threads. Credentials are only ever put in
/// `Authorization` headers to the registry (and its token realm); errors and statistics never hold them.
public final class RegistryClient: @unchecked Sendable {
    /// Tuning knobs; the defaults suit a remote registry.
    public struct Options: Sendable, Hashable {
        /// Idle time after which a request counts as timed out.
        public var timeout: TimeInterval = 60
        public var retry = RetryPolicy()
        /// Blobs downloaded at the same time, across every image of this client.
        public var maxConcurrentDownloads = 4
        /// Large blobs are fetched in ranged requests of this many bytes, which bounds memory.
        public var windowSize = 8 << 20
        /// The longest one request may take, however steadily its bytes arrive (default: 5 × `timeout`).
        public var requestDeadline: TimeInterval
        /// The longest reading one image (manifests, config and layers) may take.
        public var imageDeadline: TimeInterval
        /// Requests waiting for an answer at the same time (tag lists, HEADs, manifests, blob windows).
        public var maxConcurrentRequests = 32

        public init(timeout: TimeInterval = 60, retry: RetryPolicy = RetryPolicy(), maxConcurrentDownloads: Int = 4, windowSize: Int = 8 << 20,
                    requestDeadline: TimeInterval? = nil, imageDeadline: TimeInterval = 3600, maxConcurrentRequests: Int = 32) {
            self.timeout = timeout
            self.retry = retry
            self.maxConcurrentDownloads = max(1, maxConcurrentDownloads)
            self.windowSize = max(64 << 10, windowSize)
            self.requestDeadline = max(1, requestDeadline ?? timeout * 5)
            self.imageDeadline = max(1, imageDeadline)
            self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        }
    }

    /// The media types asked for in `Accept` (the distribution registry returns 404 for an OCI
    /// manifest unless they are listed, and downgrades to schema 1 when none is).
    public static let manifestMediaTypes = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]

    public let endpoint: RegistryEndpoint
    public let options: Options
    let transport: HTTPTransport
    let authenticator: RegistryAuthenticator
    let downloadSlots: DispatchSemaphore
    /// This registry's requests in flight and its `Retry-After` pauses.
    let limiter: RequestLimiter
    private let statisticsLock = NSLock()
    private var counters = RegistryStatistics()
    private var deadlineOfRun: Date?

    public init(endpoint: RegistryEndpoint, credentials: CredentialResolver = CredentialResolver(), options: Options = Options()) {
        self.endpoint = endpoint
        self.options = options
        self.transport = HTTPTransport(timeout: options.timeout, maxConnections: options.maxConcurrentRequests + options.maxConcurrentDownloads)
        self.limiter = RequestLimiter(limit: options.maxConcurrentRequests)
        self.authenticator = RegistryAuthenticator(endpoint: endpoint, resolver: credentials)
        self.downloadSlots = DispatchSemaphore(value: options.maxConcurrentDownloads)
    }

    deinit { transport.close() }

    /// What this client has done so far.
    public var statistics: RegistryStatistics {
        statisticsLock.lock()
        defer { statisticsLock.unlock() }
        return counters
    }

    func count(_ update: (inout RegistryStatistics) -> Void) {
        statisticsLock.lock()
        update(&counters)
        statisticsLock.unlock()
    }

    /// When the whole run must end: no request of this client outlives it (nil: no such limit).
    public var runDeadline: Date? {
        get {
            statisticsLock.lock()
            defer { statisticsLock.unlock() }
            return deadlineOfRun
        }
        set {
            statisticsLock.lock()
            deadlineOfRun = newValue
            statisticsLock.unlock()
        }
    }

    /// The deadline of an image opened now: `imageDeadline` from now, or the run's when that is sooner.
    func imageDeadline() -> Date {
        let own = Date().addingTimeInterval(options.imageDeadline)
        return runDeadline.map { min($0, own) } ?? own
    }

    /// `repository:NAME:pull`.
    static func pullScope(_ repository: String) -> String { "repository:\(repository):pull" }

    // MARK: - Requests

    /// Sends a request with authentication and retries; returns once a 2xx status and headers arrived.
    ///
    /// 401 runs the challenge flow once; 429 and 5xx and timeouts are retried with backoff (and
    /// `Retry-After`); 404 becomes `.notFound(what)`.
    ///
    /// `limit` caps the body's bytes while they arrive; each attempt ends `requestDeadline` after it
    /// started, and no attempt starts or waits past `deadline` or the run's deadline. With `wholeBody`,
    /// it returns once the whole body arrived (a small one the caller reads at once).
    func execute(_ method: String, url: URL, scope: String, headers: [String: String] = [:],
                 operation: String, notFound what: String, limit: Int64? = nil, deadline: Date? = nil,
                 wholeBody: Bool = false) throws(RegistryError) -> (ResponseHead, StreamingResponse) {
        let outer = [deadline, runDeadline].compactMap { $0 }.min()
        var attempt = 0
        var answeredChallenge = false
        var authorization = try authenticator.authorization(scope: scope, client: self)
        while true {
            attempt += 1
            if let outer, Date() >= outer {
                throw RegistryError(.deadlineExceeded, registry: endpoint.name, operation: operation)
            }
            let requestDeadline = min(Date().addingTimeInterval(options.requestDeadline), outer ?? .distantFuture)
            var request = URLRequest(url: url)
            request.httpMethod = method
            request.timeoutInterval = options.timeout
            request.setValue("scout-report", forHTTPHeaderField: "User-Agent")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
            count { $0.requests += 1 }
            limiter.acquire()
            let pending = transport.start(request, limit: limit, deadline: requestDeadline, wholeBody: wholeBody)
            let head: ResponseHead
            do {
                defer { limiter.release() }
                head = try pending.head()
            } catch {
                guard RetryPolicy.isRetryable(error), attempt < options.retry.maxAttempts else {
                    throw RegistryError(deadlinePassed(outer) ? .deadlineExceeded : .transport(Self.describe(error), attempts: attempt),
                                        registry: endpoint.name, operation: operation)
                }
                count { $0.retries += 1 }
                Self.sleep(options.retry.delay(afterAttempt: attempt, retryAfter: nil), until: outer)
                continue
            }
            let status = head.statusCode
            if (200..<300).contains(status) { return (head, pending) }
            let body = (try? pending.readAll(limit: 64 << 10)) ?? Data()
            switch status {
            case 401:
                guard !answeredChallenge else {
                    throw RegistryError(.unauthorized(status: 401, hadCredentials: authenticator.hasCredentials), registry: endpoint.name, operation: operation)
                }
                answeredChallenge = true
                attempt -= 1
                authenticator.invalidate(scope: scope)
                authorization = try authenticator.respond(to: head.value(forHTTPHeaderField: "WWW-Authenticate"), scope: scope, client: self)
            case 403:
                throw RegistryError(.forbidden, registry: endpoint.name, operation: operation)
            case 404:
                throw RegistryError(.notFound(what), registry: endpoint.name, operation: operation)
            case let status where RetryPolicy.isRetryable(status: status):
                guard attempt < options.retry.maxAttempts else {
                    throw RegistryError(.unavailable(status: status, attempts: attempt), registry: endpoint.name, operation: operation)
                }
                count { $0.retries += 1 }
                wait(afterAttempt: attempt, retryAfter: head.value(forHTTPHeaderField: "Retry-After"), until: outer)
            default:
                throw RegistryError(.unexpectedStatus(status, RegistryText.summary(ofErrorBody: body, redacting: authenticator.secrets())),
                                    registry: endpoint.name, operation: operation)
            }
        }
    }

    /// Waits `delay`, but not past `deadline`.
    static func sleep(_ delay: TimeInterval, until deadline: Date?) {
        let wait = deadline.map { min(delay, max(0, $0.timeIntervalSinceNow)) } ?? delay
        Thread.sleep(forTimeInterval: wait)
    }

    /// A request whose whole (small) body is wanted; more than `limit` bytes end it as they arrive.
    func fetch(_ method: String = "GET", url: URL, scope: String, headers: [String: String] = [:],
               operation: String, notFound what: String, limit: Int = 16 << 20, deadline: Date? = nil) throws(RegistryError) -> (ResponseHead, Data) {
        let (head, pending) = try execute(method, url: url, scope: scope, headers: headers, operation: operation, notFound: what,
                                          limit: Int64(limit), deadline: deadline, wholeBody: true)
        defer { count { $0.peakBufferedBytes = max($0.peakBufferedBytes, pending.peakBufferedBytes) } }
        do {
            return (head, try pending.readAll(limit: limit))
        } catch {
            throw RegistryError(deadlinePassed(deadline) ? .deadlineExceeded : .transport(Self.describe(error), attempts: 1),
                                registry: endpoint.name, operation: operation)
        }
    }

    /// True once `deadline` or the run's deadline passed: a timeout then says which deadline ended it.
    func deadlinePassed(_ deadline: Date?) -> Bool {
        guard let outer = [deadline, runDeadline].compactMap({ $0 }).min() else { return false }
        return Date() >= outer
    }

    /// A token request to the realm, retried on 429/5xx/timeouts like the rest, never authenticated by challenge.
    func sendTokenRequest(_ request: URLRequest) throws(RegistryError) -> (ResponseHead, Data) {
        var attempt = 0
        while true {
            attempt += 1
            var request = request
            request.timeoutInterval = options.timeout
            if let outer = runDeadline, Date() >= outer {
                throw RegistryError(.deadlineExceeded, registry: endpoint.name, operation: "obtain a token")
            }
            count { $0.requests += 1; $0.tokenRequests += 1 }
            let deadline = min(Date().addingTimeInterval(options.requestDeadline), runDeadline ?? .distantFuture)
            limiter.acquire()
            let pending = transport.start(request, limit: 1 << 20, deadline: deadline, wholeBody: true)
            do {
                let head: ResponseHead
                do {
                    defer { limiter.release() }
                    head = try pending.head()
                }
                let body = try pending.readAll(limit: 1 << 20)
                if RetryPolicy.isRetryable(status: head.statusCode), attempt < options.retry.maxAttempts {
                    count { $0.retries += 1 }
                    wait(afterAttempt: attempt, retryAfter: head.value(forHTTPHeaderField: "Retry-After"), until: runDeadline)
                    continue
                }
                return (head, body)
            } catch {
                guard RetryPolicy.isRetryable(error), attempt < options.retry.maxAttempts else {
                    throw RegistryError(.transport(Self.describe(error), attempts: attempt), registry: endpoint.name, operation: "obtain a token")
                }
                count { $0.retries += 1 }
                Self.sleep(options.retry.delay(afterAttempt: attempt, retryAfter: nil), until: runDeadline)
            }
        }
    }

    /// Before a retry: a `Retry-After` pauses every request to this registry (it asked to be left
    /// alone), a plain backoff waits on this request only. Other registries are never held back.
    /// Waits before a retry, never past `deadline`: a `Retry-After` pauses every request to this
    /// registry (the limiter), a plain backoff only this one.
    private func wait(afterAttempt attempt: Int, retryAfter: String?, until deadline: Date?) {
        let delay = options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
        if retryAfter != nil {
            limiter.pause(for: deadline.map { min(delay, max(0, $0.timeIntervalSinceNow)) } ?? delay)
        } else {
            Self.sleep(delay, until: deadline)
        }
    }

    func url(_ path: String, query: [URLQueryItem] = [], operation: String) throws(RegistryError) -> URL {
        guard let url = endpoint.url(path, query: query) else {
            throw RegistryError(.invalidConfiguration("'\(path)' does not make a URL"), registry: endpoint.name, operation: operation)
        }
        return url
    }

    /// The next page's URL from a `Link` header, relative to the registry.
    func nextPage(_ response: ResponseHead, after current: URL) -> URL? {
        guard let target = LinkHeader.next(response.value(forHTTPHeaderField: "Link")) else { return nil }
        guard let next = URL(string: target, relativeTo: current)?.absoluteURL,
              HTTPTransport.sameOrigin(next, current) else { return nil }
        return next
    }

    /// A transport error in words, without URLs (which could carry a token in a query).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return "the request failed" }
        switch error.code {
        case .timedOut: return "the request timed out"
        case .cannotConnectToHost: return "the connection was refused"
        case .networkConnectionLost: return "the connection was lost"
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return "the TLS connection failed (certificate not trusted or TLS misconfigured)"
        case .dataLengthExceedsMaximum: return "the response is larger than allowed"
        default: return "the request failed (URLError \(error.code.rawValue))"
        }
    }
}
