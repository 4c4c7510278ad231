import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A blob streamed from a registry as a `ByteChunkSource`: fetched in ranged windows (so at most one
/// window is buffered), hashed as it passes, and checked against its size and digest at the end.
///
/// A mismatch or a failed download throws from `nextChunk()` and stays recorded in `failure`, so the
/// image reading it can refuse the whole image instead of keeping a partial result.
public struct RegistryBlobSource: ByteChunkSource {
    let state: BlobStreamState

    public mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        try state.nextChunk()
    }

    /// The error that stopped this blob, if any.
    public var failure: RegistryError? { state.failure }
}

/// The mutable side of a blob stream; used by one reader thread at a time.
final class BlobStreamState: @unchecked Sendable {
    let client: RegistryClient
    let repository: String
    let digest: String
    let expectedSize: Int64?
    /// No window is asked for or waited on past this (the image's deadline).
    let deadline: Date?
    private(set) var failure: RegistryError?
    private var offset: Int64 = 0
    private var hasher = DigestHasher()
    private var current: StreamingResponse?
    /// Whether the registry honours `Range` (nil until the first answer).
    private var ranged: Bool?
    private var total: Int64?
    private var finished = false
    private var midTransferRetries = 0

    init(client: RegistryClient, repository: String, digest: String, expectedSize: Int64?, deadline: Date? = nil) {
        self.deadline = deadline
        self.client = client
        self.repository = repository
        self.digest = digest
        self.expectedSize = expectedSize
        self.total = expectedSize
    }

    deinit {
        current?.cancel()
        recordPeak()
    }

    /// Adds the current window's memory high-water mark to the client's statistics.
    private func recordPeak() {
        guard let current else { return }
        let peak = current.peakBufferedBytes
        client.count { $0.peakBufferedBytes = max($0.peakBufferedBytes, peak) }
    }

    private var operation: String { "fetch blob \(digest.abbreviatedDigest) of '\(repository)'" }

    func nextChunk() throws(RegistryError) -> ArraySlice<UInt8>? {
        if let failure { throw failure }
        do {
            return try produce()
        } catch {
            failure = error
            recordPeak()
            current?.cancel()
            current = nil
            throw error
        }
    }

    /// Reads what is left (after a reader stopped early) so that the digest can still be checked.
    func drainAndVerify() -> RegistryError? {
        while failure == nil, !finished {
            do {
                if try nextChunk() == nil { break }
            } catch {
                break
            }
        }
        return failure
    }

    private func produce() throws(RegistryError) -> ArraySlice<UInt8>? {
        while !finished {
            if total == 0 {
                try finish()
                return nil
            }
            if current == nil { current = try openWindow() }
            guard let window = current else { continue }
            let data: Data?
            do {
                data = try window.next()
            } catch {
                recordPeak()
                current = nil
                midTransferRetries += 1
                guard ranged == true, midTransferRetries < client.options.retry.maxAttempts, RetryPolicy.isRetryable(error) else {
                    let reason: RegistryError.Reason = client.deadlinePassed(deadline)
                        ? .deadlineExceeded : .transport(RegistryClient.describe(error), attempts: midTransferRetries)
                    throw RegistryError(reason, registry: client.endpoint.name, operation: operation)
                }
                client.count { $0.retries += 1 }
                RegistryClient.sleep(client.options.retry.delay(afterAttempt: midTransferRetries, retryAfter: nil), until: deadline)
                continue
            }
            if let data, !data.isEmpty {
                let bytes = [UInt8](data)
                offset += Int64(bytes.count)
                hasher.update(bytes[...])
                client.count { $0.blobBytes += Int64(bytes.count) }
                if let limit = expectedSize ?? total, offset > limit {
                    throw RegistryError(.sizeMismatch(expected: limit, actual: offset), registry: client.endpoint.name, operation: operation)
                }
                return bytes[...]
            }
            if data == nil {
                recordPeak()
                current = nil
                if ranged == true, let total, offset < total { continue }
                try finish()
            }
        }
        return nil
    }

    private func finish() throws(RegistryError) {
        finished = true
        if let expected = expectedSize ?? total, offset != expected {
            throw RegistryError(.sizeMismatch(expected: expected, actual: offset), registry: client.endpoint.name, operation: operation)
        }
        let actual = hasher.digest
        guard actual == digest else {
            throw RegistryError(.digestMismatch(expected: digest, actual: actual), registry: client.endpoint.name, operation: operation)
        }
    }

    /// Asks for the next window `[offset, offset + windowSize)`.
    private func openWindow() throws(RegistryError) -> StreamingResponse {
        let url = try client.url("\(repository)/blobs/\(digest)", operation: operation)
        var end = offset + Int64(client.options.windowSize) - 1
        if let total { end = min(end, total - 1) }
        client.count { $0.blobGets[self.digest, default: 0] += 1 }
        // A registry that ignores Range sends the whole blob: never more than its expected size.
        let limit = expectedSize.map { $0 - offset } ?? total.map { $0 - offset }
        let (head, pending) = try client.execute("GET", url: url, scope: RegistryClient.pullScope(repository),
                                                 headers: ["Range": "bytes=\(offset)-\(end)"],
                                                 operation: operation, notFound: "blob '\(digest)'", limit: limit, deadline: deadline)
        if head.statusCode == 206 {
            guard let range = Self.contentRange(head.value(forHTTPHeaderField: "Content-Range")), range.start == offset else {
                pending.cancel()
                throw RegistryError(.invalidResponse("a ranged answer does not start at byte \(offset)"), registry: client.endpoint.name, operation: operation)
            }
            ranged = true
            if let size = range.total {
                if let expectedSize, size != expectedSize {
                    pending.cancel()
                    throw RegistryError(.sizeMismatch(expected: expectedSize, actual: size), registry: client.endpoint.name, operation: operation)
                }
                total = size
            }
        } else {
            guard offset == 0 else {
                pending.cancel()
                throw RegistryError(.invalidResponse("the registry stopped honouring byte ranges midway"), registry: client.endpoint.name, operation: operation)
            }
            // The whole blob in one answer: stream it as it comes, for as long as the image may take
            // (one request's deadline suits a window, not a whole multi-gigabyte layer).
            ranged = false
            pending.extendDeadline(to: deadline)
        }
        return pending
    }

    /// `bytes START-END/TOTAL` (TOTAL may be `*`).
    static func contentRange(_ header: String?) -> (start: Int64, end: Int64, total: Int64?)? {
        guard let header, header.lowercased().hasPrefix("bytes ") else { return nil }
        let spec = header.dropFirst(6)
        let halves = spec.split(separator: "/", maxSplits: 1)
        guard halves.count == 2 else { return nil }
        let bounds = halves[0].split(separator: "-")
        guard bounds.count == 2, let start = Int64(bounds[0].trimmingCharacters(in: .whitespaces)),
              let end = Int64(bounds[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return (start, end, Int64(halves[1].trimmingCharacters(in: .whitespaces)))
    }
}
