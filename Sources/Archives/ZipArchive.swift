/// A zip archive read from memory through its central directory (stored and deflated entries).
public struct ZipArchive: Sendable {
    /// One entry of the central directory.
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var method: UInt16
        public var compressedSize: Int
        public var uncompressedSize: Int
        var localHeaderOffset: Int

        public var isDirectory: Bool { path.hasSuffix("/") }
    }

    public let name: String
    public let entries: [Entry]
    private let bytes: [UInt8]

    /// Reads the central directory of `bytes`; `name` is used in error messages.
    public init(bytes: [UInt8], name: String) throws(ArchiveError) {
        self.name = name
        self.bytes = bytes
        self.entries = try Self.readCentralDirectory(bytes, name: name)
    }

    /// The uncompressed content of `entry`, refused past `limit` bytes.
    public func contents(of entry: Entry, limit: Int = 256 << 20) throws(ArchiveError) -> [UInt8] {
        let subject = "\(name)!\(entry.path)"
        let reader = ByteReader(bytes: bytes)
        let header = entry.localHeaderOffset
        // The offset comes from the central directory (zip64: any 64-bit value): checked before any sum.
        guard reader.contains(header, 30), reader.u32(header) == 0x0403_4B50 else {
            throw ArchiveError(subject: subject, reason: .corrupt("bad local header"))
        }
        let start = header + 30 + Int(reader.u16(header + 26)) + Int(reader.u16(header + 28))
        guard reader.contains(start, entry.compressedSize) else {
            throw ArchiveError(subject: subject, reason: .truncated)
        }
        let data = Array(bytes[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0:
            guard data.count <= limit else { throw ArchiveError(subject: subject, reason: .tooLarge(limit: limit)) }
            return data
        case 8:
            return try Inflate.inflate(data, format: .raw, limit: limit, subject: subject)
        default:
            throw ArchiveError(subject: subject, reason: .unsupported("compression method \(entry.method)"))
        }
    }

    private static func readCentralDirectory(_ bytes: [UInt8], name: String) throws(ArchiveError) -> [Entry] {
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        guard bytes.count >= 22 else { throw ArchiveError(subject: name, reason: .truncated) }
        var eocd = -1
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05, bytes[position + 3] == 0x06 {
                eocd = position
                break
            }
            position -= 1
        }
        guard eocd >= 0 else { throw ArchiveError(subject: name, reason: .corrupt("no end of central directory")) }
        let reader = ByteReader(bytes: bytes)
        var count = Int(reader.u16(eocd + 10))
        var offset = Int(reader.u32(eocd + 16))
        // zip64: the locator precedes the end record. Its 64-bit numbers may be anything: every one goes
        // through `Int(exactly:)` and a bounds check before it is added to.
        if count == 0xFFFF || offset == 0xFFFF_FFFF, eocd >= 20, reader.u32(eocd - 20) == 0x0706_4B50 {
            guard let record = Int(exactly: reader.u64(eocd - 12)), reader.contains(record, 56),
                  reader.u32(record) == 0x0606_4B50 else {
                throw ArchiveError(subject: name, reason: .corrupt("bad zip64 end record"))
            }
            guard let count64 = Int(exactly: reader.u64(record + 32)), let offset64 = Int(exactly: reader.u64(record + 48)) else {
                throw ArchiveError(subject: name, reason: .corrupt("zip64 entry count or directory offset beyond 2^63"))
            }
            count = count64
            offset = offset64
        }
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, bytes.count / 46))
        for _ in 0..<count {
            guard reader.contains(offset, 46), reader.u32(offset) == 0x0201_4B50 else {
                throw ArchiveError(subject: name, reason: .corrupt("bad central directory entry"))
            }
            let method = reader.u16(offset + 10)
            var compressed = Int(reader.u32(offset + 20))
            var uncompressed = Int(reader.u32(offset + 24))
            let nameLength = Int(reader.u16(offset + 28))
            let extraLength = Int(reader.u16(offset + 30))
            let commentLength = Int(reader.u16(offset + 32))
            var local = Int(reader.u32(offset + 42))
            let nameStart = offset + 46
            guard reader.contains(nameStart, nameLength + extraLength) else {
                throw ArchiveError(subject: name, reason: .truncated)
            }
            let path = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            // zip64 extra field: sizes and offset that overflowed 32 bits, in this order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = reader.u16(extra)
                let size = Int(reader.u16(extra + 2))
                if tag == 0x0001 {
                    func wide(_ at: Int) throws(ArchiveError) -> Int {
                        guard let value = Int(exactly: reader.u64(at)) else {
                            throw ArchiveError(subject: "\(name)!\(path)", reason: .corrupt("zip64 size or offset beyond 2^63"))
                        }
                        return value
                    }
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd { uncompressed = try wide(field); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = try wide(field); field += 8 }
                    if local == 0xFFFF_FFFF, field + 8 <= extraEnd { local = try wide(field) }
                }
                extra += 4 + size
            }
            entries.append(Entry(path: path, method: method, compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local))
            offset = extraEnd + commentLength
        }
        return entries
    }
}

/// Little-endian reads; callers check bounds first (with `contains`, which cannot overflow).
struct ByteReader {
    let bytes: [UInt8]

    /// Whether `length` bytes at `offset` lie inside the buffer, for any pair of `Int`s.
    func contains(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
    }

    func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
