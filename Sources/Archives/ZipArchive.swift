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
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, read32(header) == 0x0403_4B50 else {
            throw ArchiveError(subject: subject, reason: .corrupt("bad local header"))
        }
        let start = header + 30 + Int(read16(header + 26)) + Int(read16(header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
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
        // zip64: the locator precedes the end record.
        if count == 0xFFFF || offset == 0xFFFF_FFFF, eocd >= 20, reader.u32(eocd - 20) == 0x0706_4B50 {
            let record = Int(reader.u64(eocd - 12))
            guard record >= 0, record + 56 <= bytes.count, reader.u32(record) == 0x0606_4B50 else {
                throw ArchiveError(subject: name, reason: .corrupt("bad zip64 end record"))
            }
            count = Int(reader.u64(record + 32))
            offset = Int(reader.u64(record + 48))
        }
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, 1 << 20))
        for _ in 0..<count {
            guard offset >= 0, offset + 46 <= bytes.count, reader.u32(offset) == 0x0201_4B50 else {
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
            guard nameStart + nameLength + extraLength <= bytes.count else {
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
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd { uncompressed = Int(reader.u64(field)); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = Int(reader.u64(field)); field += 8 }
                    if local == 0xFFFF_FFFF, field + 8 <= extraEnd { local = Int(reader.u64(field)) }
                }
                extra += 4 + size
            }
            guard compressed >= 0, uncompressed >= 0, local >= 0 else {
                throw ArchiveError(subject: name, reason: .corrupt("negative size in central directory"))
            }
            entries.append(Entry(path: path, method: method, compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local))
            offset = extraEnd + commentLength
        }
        return entries
    }

    private func read16(_ at: Int) -> UInt16 { ByteReader(bytes: bytes).u16(at) }
    private func read32(_ at: Int) -> UInt32 { ByteReader(bytes: bytes).u32(at) }
}

/// Little-endian reads; callers check bounds first.
struct ByteReader {
    let bytes: [UInt8]

    func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
