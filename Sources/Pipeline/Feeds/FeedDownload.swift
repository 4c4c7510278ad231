import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ImageSource

/// One download written to a file and hashed as its bytes arrive, cut off past a size limit.
final class FeedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What the download gave (read once `run` returned).
    struct Answer {
        var response: HTTPURLResponse?
        var failure: FeedError.Reason?
        var bytes: Int64 = 0
        var sha256 = ""
    }

    private let maxBytes: Int64
    private let file: FileHandle
    private var hasher = ContentDigest.Streaming()
    private var answer = Answer()
    private let done = DispatchSemaphore(value: 0)

    private init(file: FileHandle, maxBytes: Int64) {
        self.file = file
        self.maxBytes = maxBytes
    }

    /// Downloads `request` into `target` (created); blocks until the transfer ended.
    static func run(_ request: URLRequest, to target: URL, timeout: TimeInterval, maxBytes: Int64) -> Answer {
        guard FileManager.default.createFile(atPath: target.path, contents: nil),
              let file = try? FileHandle(forWritingTo: target) else {
            return Answer(failure: .cannotStore("the file '\(target.lastPathComponent)' could not be created"))
        }
        defer { try? file.close() }
        let download = FeedDownload(file: file, maxBytes: maxBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = 6 * 3600
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        download.done.wait()
        queue.waitUntilAllOperationsAreFinished()
        var answer = download.answer
        answer.sha256 = download.hasher.hex
        return answer
    }

    private var tooLarge: FeedError.Reason {
        .transport("the answer is larger than the limit of \(maxBytes) bytes (raise 'max-size-mb' when the feed really is this large)")
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        answer.response = http
        if http?.statusCode == 200, let announced = http?.value(forHTTPHeaderField: "Content-Length").flatMap({ Int64($0) }), announced > maxBytes {
            answer.failure = tooLarge
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard answer.failure == nil else { return }
        answer.bytes += Int64(data.count)
        if answer.bytes > maxBytes {
            answer.failure = tooLarge
            dataTask.cancel()
            return
        }
        do {
            try file.write(contentsOf: data)
        } catch {
            answer.failure = .cannotStore(error.localizedDescription)
            dataTask.cancel()
            return
        }
        hasher.update([UInt8](data))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error, answer.failure == nil { answer.failure = .transport(error.localizedDescription) }
        if answer.response == nil, let http = task.response as? HTTPURLResponse { answer.response = http }
        done.signal()
    }
}
