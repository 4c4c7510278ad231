import Foundation
import ScoutModel

/// Layers already read during one run, so a base layer shared by many images is inflated once.
///
/// Keyed by blob digest and diffID, and filled only with layers whose blob digest was verified and that
/// read without a warning: the same verified bytes give the same files. One cache serves one `wants`
/// filter and one set of limits (a nightly run uses a single pair). Bounded by the bytes of the kept
/// files; once full, new layers are read but not kept. Thread-safe.
public final class LayerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var layers: [String: LayerFiles] = [:]
    private var bytes = 0
    /// Total size of kept file contents above which nothing more is cached.
    public let maxBytes: Int
    /// Layers answered from the cache so far.
    public private(set) var hits = 0

    public init(maxBytes: Int = 256 << 20) {
        self.maxBytes = maxBytes
    }

    static func key(_ layer: LayerInfo) -> String { layer.digest + " " + layer.diffID }

    func files(for layer: LayerInfo) -> LayerFiles? {
        lock.lock()
        defer { lock.unlock() }
        guard let files = layers[Self.key(layer)] else { return nil }
        hits += 1
        return files
    }

    func keep(_ files: LayerFiles, for layer: LayerInfo) {
        let size = files.files.values.reduce(0) { $0 + $1.count }
        lock.lock()
        defer { lock.unlock() }
        guard bytes + size <= maxBytes, layers[Self.key(layer)] == nil else { return }
        layers[Self.key(layer)] = files
        bytes += size
    }
}

/// Image kinds whose layers can be answered from a `LayerCache`.
protocol LayerCaching {
    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: LayerCache) throws -> LayerReadResult
}

extension ImageHandle {
    /// Streams every layer like `readLayers(wants:limits:)`, answering verified layers seen before from `cache`.
    public func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: LayerCache?) throws -> LayerReadResult {
        if let cache, let caching = self as? LayerCaching {
            return try caching.readLayers(wants: wants, limits: limits, cache: cache)
        }
        return try readLayers(wants: wants, limits: limits)
    }
}
