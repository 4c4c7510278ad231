import CZlib

/// Whole-buffer inflation through zlib, bounded so that a bomb stops with an error.
public enum Inflate {
    /// The wrapping of the deflate stream.
    public enum Format: Sendable {
        /// gzip (RFC 1952), several members allowed.
        case gzip
        /// zlib (RFC 1950).
        case zlib
        /// Raw deflate (RFC 1951), as in zip entries.
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlib: 15
            case .raw: -15
            }
        }
    }

    /// True when the bytes start with the gzip magic number.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// Inflates `input`; throws when it is corrupt, truncated or would exceed `limit` bytes.
    public static func inflate(_ input: [UInt8], format: Format, limit: Int = 1 << 30, subject: String) throws(ArchiveError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, format.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ArchiveError(subject: subject, reason: .corrupt("zlib could not start"))
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 4096)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        while true {
            var status: Int32 = Z_OK
            let produced: Int = input.withUnsafeBufferPointer { inBuffer in
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress.map { $0 + consumed })
                    // zlib counts in 32 bits: an input over 4 GiB is handed over 4 GiB at a time.
                    let offered = UInt32(clamping: input.count - consumed)
                    stream.avail_in = offered
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    consumed += Int(offered - stream.avail_in)
                    return outBuffer.count - Int(stream.avail_out)
                }
            }
            if output.count + produced > limit {
                throw ArchiveError(subject: subject, reason: .tooLarge(limit: limit))
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                // gzip allows several members one after another.
                if format == .gzip, consumed < input.count, isGzip(input[consumed...]) {
                    guard inflateReset(&stream) == Z_OK else {
                        throw ArchiveError(subject: subject, reason: .corrupt("zlib could not restart"))
                    }
                    continue
                }
                return output
            case Z_OK:
                if consumed == input.count && produced == 0 {
                    throw ArchiveError(subject: subject, reason: .truncated)
                }
            case Z_BUF_ERROR:
                if consumed == input.count { throw ArchiveError(subject: subject, reason: .truncated) }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw ArchiveError(subject: subject, reason: .corrupt(message))
            }
        }
    }
}
