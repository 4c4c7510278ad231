/// A pull-based stream of bytes, delivered in chunks.
///
/// Sources are composed by wrapping: a file range, then a hasher, then an inflater, then a tar reader.
public protocol ByteChunkSource {
    /// The next chunk (never empty), or `nil` at the end of the stream.
    mutating func nextChunk() throws -> ArraySlice<UInt8>?
    /// Skips `count` bytes without reading them when the source can seek; returns `false` when it cannot.
    mutating func skip(_ count: Int64) throws -> Bool
}

extension ByteChunkSource {
    public mutating func skip(_ count: Int64) throws -> Bool { false }
}

/// Serves a byte array in fixed-size chunks: handy for tests and for small in-memory blobs.
public struct MemoryChunkSource: ByteChunkSource {
    private var bytes: ArraySlice<UInt8>
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 20) {
        self.bytes = bytes[...]
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        guard !bytes.isEmpty else { return nil }
        let chunk = bytes.prefix(chunkSize)
        bytes = bytes.dropFirst(chunk.count)
        return chunk
    }

    public mutating func skip(_ count: Int64) throws -> Bool {
        bytes = bytes.dropFirst(Int(clamping: count))
        return true
    }
}

/// Passes chunks through while computing their SHA-256 and counting them.
struct HashingSource<Base: ByteChunkSource>: ByteChunkSource {
    var base: Base
    private(set) var hasher = DigestHasher()

    init(_ base: Base) { self.base = base }

    mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        guard let chunk = try base.nextChunk() else { return nil }
        hasher.update(chunk)
        return chunk
    }

    /// Reads what is left so the digest covers the whole stream.
    mutating func drain() throws {
        while try nextChunk() != nil {}
    }
}
