#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which library inflates gzip layers.
public enum InflateEngine: String, Sendable, Hashable, CaseIterable {
    /// Intel ISA-L: the fast path.
    case isal
    /// zlib: the portable reference, and the fallback when ISA-L reports an error.
    case zlib

    /// ISA-L, unless the environment variable `SCOUT_INFLATE=zlib` asks for zlib.
    public static var preferred: InflateEngine {
        guard let value = getenv("SCOUT_INFLATE") else { return .isal }
        return InflateEngine(rawValue: String(cString: value)) ?? .isal
    }
}

/// Inflates its base source when it starts with the gzip magic, passes it through unchanged otherwise.
public struct MaybeGzipSource<Base: ByteChunkSource>: ByteChunkSource {
    public var base: Base
    private var inflater: AnyGzipInflater?
    private var pending: ArraySlice<UInt8> = []
    private var started = false
    private var ended = false
    private let chunkSize: Int
    private let engine: InflateEngine
    /// Bytes delivered so far (inflated when compressed).
    public private(set) var outputBytes: Int64 = 0
    /// Bytes taken from the base so far.
    public private(set) var inputBytes: Int64 = 0
    /// Whether the base turned out to be gzip-compressed (known after the first chunk).
    public var isCompressed: Bool { inflater != nil }

    public init(_ base: Base, chunkSize: Int = 1 << 20, engine: InflateEngine = .preferred) {
        self.base = base
        self.chunkSize = chunkSize
        self.engine = engine
    }

    public mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        if !started {
            started = true
            guard var first = try base.nextChunk() else { return nil }
            inputBytes += Int64(first.count)
            // The magic is two bytes: a one-byte first chunk needs its successor to decide.
            if first.count == 1, let next = try base.nextChunk() {
                inputBytes += Int64(next.count)
                first = (Array(first) + next)[...]
            }
            if GzipInflater.isGzip(first) {
                inflater = try AnyGzipInflater(engine)
                pending = first
            } else {
                outputBytes += Int64(first.count)
                return first
            }
        }
        guard let inflater else {
            guard let chunk = try base.nextChunk() else { return nil }
            inputBytes += Int64(chunk.count)
            outputBytes += Int64(chunk.count)
            return chunk
        }
        while true {
            if pending.isEmpty, !ended {
                if let chunk = try base.nextChunk() {
                    inputBytes += Int64(chunk.count)
                    pending = chunk
                } else {
                    ended = true
                }
            }
            // At the end of the input the inflater may still hold output: call it until it gives none.
            if ended, pending.isEmpty, inflater.isFinished { break }
            let output = try inflater.inflate(&pending, maxOutput: chunkSize)
            if !output.isEmpty {
                outputBytes += Int64(output.count)
                return output[...]
            }
            if ended, pending.isEmpty { break }
        }
        guard inflater.isFinished else { throw GzipError(.truncated) }
        return nil
    }
}

/// One of the two inflaters behind one interface.
enum AnyGzipInflater {
    case isal(IsalGzipInflater)
    case zlib(GzipInflater)

    init(_ engine: InflateEngine) throws(GzipError) {
        switch engine {
        case .isal: self = .isal(IsalGzipInflater())
        case .zlib: self = .zlib(try GzipInflater())
        }
    }

    var isFinished: Bool {
        switch self {
        case .isal(let inflater): inflater.isFinished
        case .zlib(let inflater): inflater.isFinished
        }
    }

    /// The inflaters are handles over shared state, so inflating through a copy is enough.
    func inflate(_ input: inout ArraySlice<UInt8>, maxOutput: Int) throws(GzipError) -> [UInt8] {
        switch self {
        case .isal(var inflater): try inflater.inflate(&input, maxOutput: maxOutput)
        case .zlib(var inflater): try inflater.inflate(&input, maxOutput: maxOutput)
        }
    }
}
