import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response whose body arrives piece by piece from the transport's thread.
///
/// The caller waits for the status line and headers, then pulls the body chunk by chunk; the
/// transport pushes chunks as libcurl delivers them. The transfer is never paused, so a sender
/// faster than the reader (a registry that ignores `Range`) is absorbed by
/// spilling past `memoryLimit` bytes to an unlinked temporary file; `limit` caps what may arrive in
/// all (checked as bytes arrive, and against `Content-Length` before any), and `deadline` ends the
/// request however slowly its bytes trickle in.
final class StreamingResponse: @unchecked Sendable {
    /// Bytes kept in memory before the rest waits on disk.
    static let memoryLimit = 16 << 20

    private let condition = NSCondition()
    private var response: ResponseHead?
    private var chunks: [Data] = []
    private var bufferedBytes = 0
    private var receivedBytes: Int64 = 0
    private var finished = false
    private var failure: (any Error)?
    private var spill: SpillFile?
    /// Stops the transfer (set by the transport; never takes this response's lock).
    var canceller: (@Sendable () -> Void)?
    /// The request as sent (its origin decides which headers survive a redirect).
    let request: URLRequest
    /// At most this many body bytes are accepted; more ends the request.
    let limit: Int64?
    /// The request fails with a timeout once this passes (see `extendDeadline`).
    private var deadline: Date?
    /// The most body bytes held in memory at once.
    private(set) var peakBufferedBytes = 0
    /// The caller wants the whole (small) body: `head()` returns once it all arrived, so the waiting
    /// thread is woken once per request rather than for the headers and again for each piece.
    let wholeBody: Bool

    init(request: URLRequest, limit: Int64? = nil, deadline: Date? = nil, wholeBody: Bool = false) {
        self.request = request
        self.limit = limit
        self.deadline = deadline
        self.wholeBody = wholeBody
    }

    deinit { spill?.close() }

    /// Blocks until the headers arrived (with `wholeBody`, the whole body too); throws the transport
    /// error when none came.
    func head() throws -> ResponseHead {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil && !finished && (response == nil || wholeBody) {
            do {
                try waitLocked()
            } catch {
                // Past the deadline once the headers came: the body's failure, thrown by `next()` as before.
                guard response != nil else { throw error }
                break
            }
        }
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

    func cancel() { canceller?() }

    /// Records `error` (the first one wins) and stops the transfer; the caller holds the lock.
    private func failLocked(_ error: any Error) {
        if failure == nil && !finished { failure = error }
        chunks.removeAll()
        bufferedBytes = 0
        spill?.close()
        spill = nil
        canceller?()
        condition.broadcast()
    }

    func received(_ response: ResponseHead) {
        condition.lock()
        defer { condition.unlock() }
        self.response = response
        if let limit, let announced = response.value(forHTTPHeaderField: "Content-Length").flatMap({ Int64($0) }), announced > limit {
            failLocked(URLError(.dataLengthExceedsMaximum))
        }
        if !wholeBody { condition.broadcast() }
    }

    func received(_ data: Data) {
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
        if !wholeBody { condition.broadcast() }
    }

    func completed(_ error: (any Error)?) {
        condition.lock()
        if let error { if failure == nil { failure = error } } else if failure == nil { finished = true }
        condition.broadcast()
        condition.unlock()
    }
}
