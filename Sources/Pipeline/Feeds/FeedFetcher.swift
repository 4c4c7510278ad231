import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Store

/// Downloads a remote feed with a conditional request (ETag / Last-Modified), streamed to a file.
public struct FeedFetcher: Sendable {
    /// What a fetch gave.
    public enum Outcome: Sendable {
        /// `304 Not Modified`: the stored records are current.
        case notModified
        /// A complete download at `file` (beside the cache, not yet verified as parseable).
        case downloaded(file: URL, validators: FeedValidators, bytes: Int64)
    }

    /// Seconds without progress before a request fails.
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 120) {
        self.timeout = timeout
    }

    /// Fetches `url` into `folder` (created when missing) as a temporary file; sends the validators of
    /// the last download so an unchanged feed costs one round trip.
    public func fetch(_ url: URL, validators: FeedValidators, into folder: URL) throws(FeedError) -> Outcome {
        let shown = FeedError.redact(url.absoluteString)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if let etag = validators.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = validators.lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        request.setValue("scout-report", forHTTPHeaderField: "User-Agent")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FeedError(url: shown, reason: .cannotStore(error.localizedDescription))
        }
        let target = folder.appendingPathComponent(".download-\(UUID().uuidString)")
        let answer = Self.download(request, to: target, timeout: timeout)
        if let failure = answer.failure {
            try? FileManager.default.removeItem(at: target)
            throw FeedError(url: shown, reason: .transport(failure))
        }
        guard let response = answer.response else {
            throw FeedError(url: shown, reason: .transport("no response"))
        }
        switch response.statusCode {
        case 304:
            try? FileManager.default.removeItem(at: target)
            return .notModified
        case 200:
            break
        default:
            try? FileManager.default.removeItem(at: target)
            throw FeedError(url: shown, reason: .status(response.statusCode))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.int64Value ?? -1
        // Complete: as many bytes as announced (unless a transfer encoding changed them).
        if response.value(forHTTPHeaderField: "Content-Encoding") == nil,
           let announced = response.value(forHTTPHeaderField: "Content-Length").flatMap({ Int64($0) }), announced != size {
            try? FileManager.default.removeItem(at: target)
            throw FeedError(url: shown, reason: .incomplete(expected: announced, received: max(size, 0)))
        }
        let received = FeedValidators(
            etag: response.value(forHTTPHeaderField: "ETag"),
            lastModified: response.value(forHTTPHeaderField: "Last-Modified"))
        return .downloaded(file: target, validators: received, bytes: size)
    }

    /// A small text resource (a published checksum), read whole.
    public func text(_ url: URL, limit: Int = 1 << 20) throws(FeedError) -> String {
        let shown = FeedError.redact(url.absoluteString)
        let folder = FileManager.default.temporaryDirectory
        let target = folder.appendingPathComponent("scout-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        let request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        let answer = Self.download(request, to: target, timeout: timeout)
        if let failure = answer.failure { throw FeedError(url: shown, reason: .transport(failure)) }
        guard let status = answer.response?.statusCode, status == 200 else {
            throw FeedError(url: shown, reason: .status(answer.response?.statusCode ?? 0))
        }
        guard let data = try? Data(contentsOf: target), data.count <= limit else {
            throw FeedError(url: shown, reason: .transport("the answer is missing or larger than \(limit) bytes"))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The state a download task reports back from URLSession's queue.
    private final class Answer: @unchecked Sendable {
        var response: HTTPURLResponse?
        var failure: String?
    }

    /// URLSession's download task writes the body to disk as it arrives; the file is moved to `target`
    /// before the completion handler returns (URLSession deletes it afterwards).
    private static func download(_ request: URLRequest, to target: URL, timeout: TimeInterval) -> Answer {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = 6 * 3600
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        let task = session.downloadTask(with: request) { location, response, error in
            defer { done.signal() }
            if let error {
                answer.failure = error.localizedDescription
                return
            }
            answer.response = response as? HTTPURLResponse
            if let location {
                do {
                    try? FileManager.default.removeItem(at: target)
                    try FileManager.default.moveItem(at: location, to: target)
                } catch {
                    answer.failure = "the downloaded file could not be kept: \(error.localizedDescription)"
                }
            }
        }
        task.resume()
        done.wait()
        return answer
    }
}
