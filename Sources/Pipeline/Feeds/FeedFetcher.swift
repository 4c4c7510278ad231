import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ImageSource
import Store

/// Downloads a remote feed with a conditional request (ETag / Last-Modified), streamed to a file.
///
/// The body is written to disk as it arrives (hashed once complete), and refused as soon as it passes `maxBytes`
/// (or announces more), so a hostile or broken server cannot fill memory or disk. Files left by a
/// download that was killed midway are removed by the next fetch into the same folder.
public struct FeedFetcher: Sendable {
    /// What a fetch gave.
    public enum Outcome: Sendable {
        /// `304 Not Modified`: the stored records are current.
        case notModified
        /// A complete download at `file` (beside the cache, not yet verified as parseable), with its SHA-256 (hex).
        case downloaded(file: URL, validators: FeedValidators, bytes: Int64, sha256: String)
    }

    /// Seconds without progress before a request fails.
    public var timeout: TimeInterval
    /// The largest download accepted, in bytes.
    public var maxBytes: Int64

    /// The default size limit: 2 GiB (the largest public feeds, OSV's all.zip per ecosystem, are far below).
    public static let defaultMaxBytes: Int64 = 2 << 30

    public init(timeout: TimeInterval = 120, maxBytes: Int64 = FeedFetcher.defaultMaxBytes) {
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    /// Fetches `url` into `folder` (created when missing) as a temporary file; sends the validators of
    /// the last download so an unchanged feed costs one round trip.
    public func fetch(_ url: URL, validators: FeedValidators, into folder: URL, maxBytes: Int64? = nil) throws(FeedError) -> Outcome {
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
        Self.removeLeftovers(in: folder)
        let target = folder.appendingPathComponent(Self.partialPrefix + UUID().uuidString)
        let answer = FeedDownload.run(request, to: target, timeout: timeout, maxBytes: maxBytes ?? self.maxBytes)
        if let failure = answer.failure {
            try? FileManager.default.removeItem(at: target)
            throw FeedError(url: shown, reason: failure)
        }
        guard let response = answer.response else {
            try? FileManager.default.removeItem(at: target)
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
        let size = answer.bytes
        // Complete: as many bytes as announced (unless a transfer encoding changed them).
        if response.value(forHTTPHeaderField: "Content-Encoding") == nil,
           let announced = response.value(forHTTPHeaderField: "Content-Length").flatMap({ Int64($0) }), announced != size {
            try? FileManager.default.removeItem(at: target)
            throw FeedError(url: shown, reason: .incomplete(expected: announced, received: max(size, 0)))
        }
        let received = FeedValidators(
            etag: response.value(forHTTPHeaderField: "ETag"),
            lastModified: response.value(forHTTPHeaderField: "Last-Modified"))
        return .downloaded(file: target, validators: received, bytes: size, sha256: answer.sha256)
    }

    /// A small text resource (a published checksum), read whole; more than `limit` bytes are refused as they arrive.
    public func text(_ url: URL, limit: Int = 1 << 20) throws(FeedError) -> String {
        let shown = FeedError.redact(url.absoluteString)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("scout-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        let request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        let answer = FeedDownload.run(request, to: target, timeout: timeout, maxBytes: Int64(limit))
        if let failure = answer.failure { throw FeedError(url: shown, reason: failure) }
        guard let status = answer.response?.statusCode, status == 200 else {
            throw FeedError(url: shown, reason: .status(answer.response?.statusCode ?? 0))
        }
        guard let data = try? Data(contentsOf: target) else {
            throw FeedError(url: shown, reason: .transport("the answer could not be read back"))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Downloads in progress are named so; `.staged-` files are verified downloads being imported.
    static let partialPrefix = ".download-"
    static let stagedPrefix = ".staged-"

    /// Removes what a killed run left in `folder`: partial downloads and staged files (the run lock
    /// keeps two runs on one store apart, so none of them belongs to a live download).
    static func removeLeftovers(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(partialPrefix) || name.hasPrefix(stagedPrefix) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
