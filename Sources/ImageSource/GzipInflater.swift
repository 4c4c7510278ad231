import CZlib

/// Why a compressed stream could not be inflated.
public struct GzipError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// zlib could not be set up.
        case initialisation(Int32)
        /// The compressed data is corrupt (zlib's message).
        case corrupt(String)
        /// The stream ended before the gzip trailer.
        case truncated
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .initialisation(let code): "Failed to start the gzip inflater: zlib returned \(code)."
        case .corrupt(let message): "Failed to inflate gzip data: \(message)."
        case .truncated: "Failed to inflate gzip data: unexpected end of compressed stream."
        }
    }
}

/// Inflates gzip (or zlib) data with the system zlib, piece by piece.
///
/// Concatenated gzip members are inflated one after the other, as `gzip -d` does.
/// The struct is a handle: copies share the same zlib stream.
public struct GzipInflater {
    private let box: StreamBox
    /// True once the last member's trailer has been read.
    public var isFinished: Bool { box.finished }

    public init() throws(GzipError) {
        box = try StreamBox()
    }

    /// Consumes some of `input` and returns up to `maxOutput` inflated bytes (possibly none).
    ///
    /// Call again with the rest of `input` until it is empty. After a member, another member is inflated;
    /// anything else is trailing garbage and everything from there on is ignored, as `gzip -d` does.
    public mutating func inflate(_ input: inout ArraySlice<UInt8>, maxOutput: Int = 1 << 20) throws(GzipError) -> [UInt8] {
        let box = self.box
        if box.ignoringRest {
            input = input[input.endIndex...]
            return []
        }
        if box.finished {
            guard !input.isEmpty else { return [] }
            // The magic may be split between two pieces of input: keep a lone first byte for the next call.
            if box.heldMagicByte == nil, input.count == 1, input[input.startIndex] == 0x1f {
                box.heldMagicByte = 0x1f
                input = input[input.endIndex...]
                return []
            }
            let startsMember = box.heldMagicByte != nil
                ? input[input.startIndex] == 0x8b
                : input.count >= 2 && input[input.startIndex] == 0x1f && input[input.startIndex + 1] == 0x8b
            guard startsMember else {
                box.ignoringRest = true
                input = input[input.endIndex...]
                return []
            }
            inflateReset(box.stream)
            box.finished = false
            if box.heldMagicByte != nil {
                box.heldMagicByte = nil
                var magic: [UInt8] = [0x1f]
                var spare: [UInt8] = [0]
                magic.withUnsafeMutableBufferPointer { buffer in
                    spare.withUnsafeMutableBufferPointer { out in
                        box.stream.pointee.next_in = buffer.baseAddress
                        box.stream.pointee.avail_in = 1
                        box.stream.pointee.next_out = out.baseAddress
                        box.stream.pointee.avail_out = 1
                        _ = CZlib.inflate(box.stream, Z_NO_FLUSH)  // takes the byte into the header state
                        box.stream.pointee.next_in = nil
                        box.stream.pointee.next_out = nil
                    }
                }
            }
        }
        var status: Int32 = Z_OK
        var consumed = 0
        let output = [UInt8](unsafeUninitializedCapacity: maxOutput) { out, initialized in
            input.withUnsafeBufferPointer { inBuffer in
                let stream = box.stream
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.pointee.avail_in = UInt32(inBuffer.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(maxOutput)
                status = CZlib.inflate(stream, Z_NO_FLUSH)
                consumed = inBuffer.count - Int(stream.pointee.avail_in)
                initialized = maxOutput - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
            }
        }
        input = input.dropFirst(consumed)
        switch status {
        case Z_OK:
            break
        case Z_BUF_ERROR:
            // Input and room for output, yet no progress: the stream is stuck, never loop on it.
            if consumed == 0, output.isEmpty, !input.isEmpty { throw GzipError(.corrupt("zlib made no progress")) }
        case Z_STREAM_END:
            box.finished = true
        default:
            let message = box.stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw GzipError(.corrupt(message))
        }
        return output
    }

    /// Whether `bytes` starts with the gzip magic number `1f 8b`.
    public static func isGzip(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1f && bytes[bytes.startIndex + 1] == 0x8b
    }
}

/// Owns the `z_stream`, which must not move while zlib holds pointers into it.
private final class StreamBox {
    let stream: UnsafeMutablePointer<z_stream>
    var finished = false
    /// Set once something other than a gzip member followed a member.
    var ignoringRest = false
    /// The first magic byte of a possible next member, when a piece of input ended right after it.
    var heldMagicByte: UInt8?

    init() throws(GzipError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: largest window, detect a gzip or zlib header automatically.
        let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw GzipError(.initialisation(status))
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }
}
