/// Reads a tar stream entry by entry, pulling chunks from its source: nothing is extracted or buffered whole.
///
/// Understands ustar, pax extended headers (`x`, `g`: `path`, `linkpath`, `size`), GNU long names
/// (`L`, `K`) and base-256 sizes, and verifies every header checksum.
public struct TarReader<Source: ByteChunkSource> {
    /// The underlying stream.
    public private(set) var source: Source
    private var buffer: ArraySlice<UInt8> = []
    /// Bytes consumed from the source so far.
    public private(set) var position: Int64 = 0
    private var remaining: Int64 = 0
    private var padding: Int64 = 0
    private var finished = false
    private let maxEntrySize: Int64
    private var globalRecords: [String: String] = [:]

    private static var blockSize: Int64 { 512 }
    /// Extension headers larger than this are refused (they are held in memory).
    private static var maxExtensionSize: Int64 { 1 << 20 }

    public init(source: Source, maxEntrySize: Int64 = .max) {
        self.source = source
        self.maxEntrySize = maxEntrySize
    }

    /// The next entry, or `nil` at the end of the archive. Skips what is left of the current entry.
    public mutating func next() throws -> TarEntry? {
        guard !finished else { return nil }
        var longName: String?
        var longLink: String?
        var records: [String: String] = [:]
        while true {
            try skipBytes(remaining + padding)
            remaining = 0
            padding = 0
            let headerOffset = position
            guard let block = try readBlock() else {
                finished = true
                return nil
            }
            if block.allSatisfy({ $0 == 0 }) {
                finished = true
                return nil
            }
            var header = try TarHeader(block: block, offset: headerOffset)
            switch header.typeFlag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                guard header.size <= Self.maxExtensionSize else {
                    throw TarError(.badHeader(offset: headerOffset, "extension header of \(header.size) bytes"))
                }
                let content = try readExtension(size: header.size)
                switch header.typeFlag {
                case UInt8(ascii: "x"): records.merge(try PaxRecords.parse(content, offset: headerOffset)) { $1 }
                case UInt8(ascii: "g"): globalRecords.merge(try PaxRecords.parse(content, offset: headerOffset)) { $1 }
                case UInt8(ascii: "L"): longName = TarHeader.string(content[...])
                default: longLink = TarHeader.string(content[...])
                }
                continue
            default:
                break
            }
            let merged = globalRecords.merging(records) { $1 }
            if let name = longName { header.name = name }
            if let link = longLink { header.linkName = link }
            if let path = merged["path"] { header.name = path }
            if let link = merged["linkpath"] { header.linkName = link }
            if let sizeText = merged["size"] {
                guard let size = Int64(sizeText), size >= 0 else {
                    throw TarError(.badHeader(offset: headerOffset, "pax size '\(sizeText)'"))
                }
                header.size = size
            }
            let kind = header.kind
            // Links, devices, directories and FIFOs carry no content, whatever their size field says.
            let headerOnly = (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(header.typeFlag)
            let size = headerOnly ? 0 : header.size
            // A base-256 size reaches Int64.max: past what the stream position can still count to (with
            // the padding), no entry is real, and `remaining + padding` would overflow.
            guard size <= maxEntrySize, size <= Int64.max - Self.blockSize - position else {
                throw TarError(.entryTooLarge(path: header.name, size: size))
            }
            remaining = size
            padding = (Self.blockSize - size % Self.blockSize) % Self.blockSize
            return TarEntry(path: header.name, kind: kind, size: size, linkName: header.linkName,
                            mode: header.mode, dataOffset: position)
        }
    }

    /// The next piece of the current entry's content (at most `maxLength` bytes), or `nil` when it is all read.
    public mutating func readContent(maxLength: Int = 1 << 20) throws -> ArraySlice<UInt8>? {
        guard remaining > 0 else { return nil }
        if buffer.isEmpty {
            guard let chunk = try source.nextChunk() else { throw TarError(.unexpectedEnd) }
            buffer = chunk
        }
        let count = Int(min(Int64(min(buffer.count, maxLength)), remaining))
        let piece = buffer.prefix(count)
        buffer = buffer.dropFirst(count)
        remaining -= Int64(count)
        position += Int64(count)
        return piece
    }

    /// The rest of the current entry's content in one array.
    public mutating func readAllContent() throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: remaining))
        while let piece = try readContent() { bytes.append(contentsOf: piece) }
        return bytes
    }

    /// Reads the source to its end (after the archive's end marker), so a hash over it is complete.
    public mutating func drain() throws {
        position += Int64(buffer.count)
        buffer = []
        while let chunk = try source.nextChunk() { position += Int64(chunk.count) }
    }

    private mutating func readExtension(size: Int64) throws -> [UInt8] {
        remaining = size
        padding = (Self.blockSize - size % Self.blockSize) % Self.blockSize
        let content = try readAllContent()
        try skipBytes(padding)
        padding = 0
        return content
    }

    /// One 512-byte header block; `nil` at a clean end of stream.
    private mutating func readBlock() throws -> [UInt8]? {
        var block: [UInt8] = []
        block.reserveCapacity(512)
        while block.count < 512 {
            if buffer.isEmpty {
                guard let chunk = try source.nextChunk() else {
                    if block.isEmpty { return nil }
                    throw TarError(.unexpectedEnd)
                }
                buffer = chunk
            }
            let take = min(512 - block.count, buffer.count)
            block.append(contentsOf: buffer.prefix(take))
            buffer = buffer.dropFirst(take)
            position += Int64(take)
        }
        return block
    }

    private mutating func skipBytes(_ count: Int64) throws {
        var left = count
        let fromBuffer = Int(min(Int64(buffer.count), left))
        buffer = buffer.dropFirst(fromBuffer)
        left -= Int64(fromBuffer)
        position += Int64(fromBuffer)
        guard left > 0 else { return }
        if try source.skip(left) {
            position += left
            return
        }
        while left > 0 {
            guard let chunk = try source.nextChunk() else { throw TarError(.unexpectedEnd) }
            let take = Int(min(Int64(chunk.count), left))
            buffer = chunk.dropFirst(take)
            left -= Int64(take)
            position += Int64(take)
        }
    }
}

/// Lets a layer stream be read straight out of an entry of an enclosing archive.
public struct TarEntryContentSource<Source: ByteChunkSource>: ByteChunkSource {
    /// The enclosing archive's reader, positioned inside the entry.
    public var reader: TarReader<Source>

    public init(reader: TarReader<Source>) { self.reader = reader }

    public mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        try reader.readContent()
    }
}
