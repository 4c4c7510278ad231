import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response whose body arrives piece by piece from URLSession's delegate callbacks.
///
/// The caller waits for the status line and headers, then pulls the body chunk by chunk; the
/// delegate pushes chunks as libcurl delivers them. swift-corelibs-foundation cannot pause a
/// transfer, so a sender faster than the reader (a registry that ignores `Range`) is absorbed by
/// spilling past `memoryLimit` bytes to an unlinked temporary file; `limit` caps what may arrive in
/// all (checked as bytes arrive, and against `Content-Length` before any), and `deadline` ends the
/// request however slowly its bytes trickle in.
final class StreamingResponse: @unchecked Sendable {
    /// Bytes kept in memory before the rest waits on disk.
    static let memoryLimit = 16 << 20

    private let condition = NSCondition()
    private var response: HTTPURLResponse?
    private var chunks: [Data] = []
    private var bufferedBytes = 0
    private var receivedBytes: Int64 = 0
    private var finished = false
    private var failure: (any Error)?
    private var spill: SpillFile?
    fileprivate var task: URLSessionDataTask?
    /// The request as sent (its origin decides which headers survive a redirect).
    let request: URLRequest
    /// At most this many body bytes are accepted; more ends the request.
    let limit: Int64?
    /// The request fails with a timeout once this passes (see `extendDeadline`).
    private var deadline: Date?
    /// The most body bytes held in memory at once.
    private(set) var peakBufferedBytes = 0

    init(request: URLRequest, limit: Int64? = nil, deadline: Date? = nil) {
        self.request = request
        self.limit = limit
        self.deadline = deadline
    }

    deinit { spill?.close() }

    /// Blocks until the headers arrived; throws the transport error when none came.
    func head() throws -> HTTPURLResponse {
        condition.lock()
        defer { condition.unlock() }
        while response == nil && failure == nil && !finished { try waitLocked() }
        if let response { return response }
        throw failure ?? URLError(.badServerResponse)
    }

    /// The next piece of body, or nil at its end; throws when the transfer failed midway.
    func next() throws -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !(spill?.hasUnread ?? false) && !finished && failure == nil { try waitLocked() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            bufferedBytes -= chunk.count
            return chunk
        }
        if let spill, spill.hasUnread {
            if let chunk = spill.read(max: 1 << 20) { return chunk }
            failLocked(URLError(.cannotWriteToFile))
        }
        if let failure { throw failure }
        return nil
    }

    /// Moves the deadline (a blob sent whole instead of in windows gets the image's deadline).
    func extendDeadline(to date: Date?) {
        condition.lock()
        deadline = date
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the delegate (the caller holds the lock); past the deadline, cancels and throws.
    private func waitLocked() throws {
        guard let deadline else {
            condition.wait()
            return
        }
        if !condition.wait(until: deadline) && Date() >= deadline {
            failLocked(URLError(.timedOut))
            throw URLError(.timedOut)
        }
    }

    /// The whole (small) body, refusing more than `limit` bytes.
    func readAll(limit: Int) throws -> Data {
        var data = Data()
        while let chunk = try next() {
            data.append(chunk)
            if data.count > limit {
                cancel()
                throw URLError(.dataLengthExceedsMaximum)
            }
        }
        return data
    }

    /// True once every byte was received (the body may still be buffered here).
    var isComplete: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished || failure != nil
    }

    func cancel() { task?.cancel() }

    /// Records `error` (the first one wins) and stops the transfer; the caller holds the lock.
    private func failLocked(_ error: any Error) {
        if failure == nil && !finished { failure = error }
        chunks.removeAll()
        bufferedBytes = 0
        spill?.close()
        spill = nil
        task?.cancel()
        condition.broadcast()
    }

    fileprivate func received(_ response: HTTPURLResponse) {
        condition.lock()
        defer { condition.unlock() }
        self.response = response
        if let limit, let announced = response.value(forHTTPHeaderField: "Content-Length").flatMap({ Int64($0) }), announced > limit {
            failLocked(URLError(.dataLengthExceedsMaximum))
        }
        condition.broadcast()
    }

    fileprivate func received(_ data: Data) {
        condition.lock()
        defer { condition.unlock() }
        guard failure == nil else { return }
        receivedBytes += Int64(data.count)
        if let limit, receivedBytes > limit {
            failLocked(URLError(.dataLengthExceedsMaximum))
            return
        }
        if spill?.hasUnread == true || bufferedBytes + data.count > Self.memoryLimit {
            if spill == nil { spill = SpillFile() }
            guard let spill, spill.write(data) else {
                failLocked(URLError(.cannotWriteToFile))
                return
            }
        } else {
            chunks.append(data)
            bufferedBytes += data.count
            peakBufferedBytes = max(peakBufferedBytes, bufferedBytes)
        }
        condition.broadcast()
    }

    fileprivate func completed(_ error: (any Error)?) {
        condition.lock()
        if let error { if failure == nil { failure = error } } else if failure == nil { finished = true }
        condition.broadcast()
        condition.unlock()
    }
}

/// One URLSession with a delegate that streams bodies and decides what a redirect may carry.
final class HTTPTransport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private var session: URLSession!
    private let lock = NSLock()
    private var responses: [Int: StreamingResponse] = [:]

    init(timeout: TimeInterval, maxConnections: Int = 16) {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = 7 * 24 * 3600
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = max(16, maxConnections)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    /// Ends the session (it holds its delegate strongly until then).
    func close() {
        session.invalidateAndCancel()
    }

    /// Starts `request` and returns at once; the response fills in as data arrives.
    func start(_ request: URLRequest, limit: Int64? = nil, deadline: Date? = nil) -> StreamingResponse {
        let response = StreamingResponse(request: request, limit: limit, deadline: deadline)
        let task = session.dataTask(with: request)
        response.task = task
        lock.lock()
        responses[task.taskIdentifier] = response
        lock.unlock()
        task.resume()
        return response
    }

    private func response(for task: URLSessionTask) -> StreamingResponse? {
        lock.lock()
        defer { lock.unlock() }
        return responses[task.taskIdentifier]
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse { self.response(for: dataTask)?.received(http) }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        response(for: dataTask)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        let response = responses.removeValue(forKey: task.taskIdentifier)
        lock.unlock()
        if error == nil, let http = task.response as? HTTPURLResponse { response?.received(http) }
        response?.completed(error)
    }

    /// Follows a redirect (blob storage, a CDN) with the original headers, but sends the
    /// `Authorization` header only when the new URL has the same scheme, host and port.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        guard let original = self.response(for: task)?.request, let target = request.url else {
            completionHandler(nil)
            return
        }
        var next = URLRequest(url: target)
        next.httpMethod = original.httpMethod
        next.timeoutInterval = original.timeoutInterval
        for (name, value) in original.allHTTPHeaderFields ?? [:] where name.lowercased() != "authorization" {
            next.setValue(value, forHTTPHeaderField: name)
        }
        if Self.sameOrigin(original.url, target), let authorization = original.value(forHTTPHeaderField: "Authorization") {
            next.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        completionHandler(next)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        // Registry auth is done by hand from WWW-Authenticate; never let URLSession answer a challenge.
        // (swift-corelibs-foundation asks only once the 401 was delivered; "default handling" without a
        // proposed credential would leave the task hanging, cancelling ends it and the 401 stands.)
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    static func sameOrigin(_ a: URL?, _ b: URL?) -> Bool {
        guard let a, let b else { return false }
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil) }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
    }
}
