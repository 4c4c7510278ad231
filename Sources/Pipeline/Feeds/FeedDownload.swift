import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ImageSource

/// One download written to a file as its bytes arrive, cut off past a size limit, then hashed.
///
/// swift-corelibs-foundation hands bytes to the delegate queue without waiting for it: a delegate
/// that writes (or hashes) falls behind a fast sender and the bytes queue up in memory, where the
/// size check sees them late (350-900 MB held for a 1 GiB answer cut at 256 MiB). So the delegate
/// only counts, checks the limit and hands the piece over; the calling thread writes the pieces to
/// the file, and hashes the file once complete, 1 MiB at a time.
final class FeedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What the download gave (read once `run` returned).
    struct Answer {
        var response: HTTPURLResponse?
        var failure: FeedError.Reason?
        var bytes: Int64 = 0
        var sha256 = ""
        /// The most bytes waiting in memory to be written at once.
        var peakPendingBytes = 0
    }

    private let maxBytes: Int64
    private let condition = NSCondition()
    private var answer = Answer()
    private var pieces: [Data] = []
    private var pendingBytes = 0
    private var finished = false

    private init(maxBytes: Int64) {
        self.maxBytes = maxBytes
    }

    /// Downloads `request` into `target` (created); blocks until the transfer ended.
    static func run(_ request: URLRequest, to target: URL, timeout: TimeInterval, maxBytes: Int64) -> Answer {
        guard FileManager.default.createFile(atPath: target.path, contents: nil),
              let file = try? FileHandle(forWritingTo: target) else {
            return Answer(failure: .cannotStore("the file '\(target.lastPathComponent)' could not be created"))
        }
        let download = FeedDownload(maxBytes: maxBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = 6 * 3600
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: queue)
        let task = session.dataTask(with: request)
        task.resume()
        download.write(to: file, task: task)
        try? file.close()
        session.finishTasksAndInvalidate()
        queue.waitUntilAllOperationsAreFinished()
        var answer = download.answer
        if answer.failure == nil { answer.sha256 = sha256(of: target) ?? "" }
        return answer
    }

    /// Writes the pieces as the delegate hands them over, until the transfer ended.
    private func write(to file: FileHandle, task: URLSessionDataTask) {
        condition.lock()
        defer { condition.unlock() }
        while true {
            while pieces.isEmpty && !finished { condition.wait() }
            if pieces.isEmpty { return }
            let batch = pieces
            pieces.removeAll()
            pendingBytes = 0
            condition.unlock()
            var failed: String?
            do {
                for piece in batch { try file.write(contentsOf: piece) }
            } catch {
                failed = error.localizedDescription
            }
            condition.lock()
            if let failed, answer.failure == nil {
                answer.failure = .cannotStore(failed)
                task.cancel()
            }
        }
    }

    /// The SHA-256 (hex) of a file, read 1 MiB at a time.
    static func sha256(of file: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        var hasher = ContentDigest.Streaming()
        while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hasher.update([UInt8](piece))
        }
        return hasher.hex
    }

    private var tooLarge: FeedError.Reason {
        .transport("the answer is larger than the limit of \(maxBytes) bytes (raise 'max-size-mb' when the feed really is this large)")
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        condition.lock()
        answer.response = http
        let announced = http?.statusCode == 200 ? http?.value(forHTTPHeaderField: "Content-Length").flatMap { Int64($0) } ?? 0 : 0
        if announced > maxBytes { answer.failure = tooLarge }
        let refuse = answer.failure != nil
        condition.unlock()
        completionHandler(refuse ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        condition.lock()
        defer { condition.unlock() }
        guard answer.failure == nil else { return }
        answer.bytes += Int64(data.count)
        if answer.bytes > maxBytes {
            answer.failure = tooLarge
            pieces.removeAll()
            dataTask.cancel()
            return
        }
        pieces.append(data)
        pendingBytes += data.count
        answer.peakPendingBytes = max(answer.peakPendingBytes, pendingBytes)
        condition.broadcast()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        condition.lock()
        if let error, answer.failure == nil { answer.failure = .transport(error.localizedDescription) }
        if answer.response == nil, let http = task.response as? HTTPURLResponse { answer.response = http }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
