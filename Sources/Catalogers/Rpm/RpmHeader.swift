/// Reads an RPM header blob as rpm stores it in its databases (`headerExport` format, big-endian):
/// `il` (index entry count), `dl` (data length), `il` entries of tag/type/offset/count, then `dl` data bytes.
/// Only the tags of `RpmDBEntry` are decoded; every offset is checked against the data store.
enum RpmHeader {
    /// Why a blob is not a header: one phrase, used inside a `CatalogError`.
    struct FormatError: Error {
        var message: String
    }

    enum Tag {
        static let sigMD5: Int32 = 261
        static let name: Int32 = 1000
        static let version: Int32 = 1001
        static let release: Int32 = 1002
        static let epoch: Int32 = 1003
        static let installTime: Int32 = 1008
        static let size: Int32 = 1009
        static let vendor: Int32 = 1011
        static let license: Int32 = 1014
        static let arch: Int32 = 1022
        static let sourceRPM: Int32 = 1044
        static let longSize: Int32 = 5009
        static let modularityLabel: Int32 = 5096
    }

    private enum Kind {
        static let int8: UInt32 = 2, int16: UInt32 = 3, int32: UInt32 = 4, int64: UInt32 = 5
        static let string: UInt32 = 6, binary: UInt32 = 7, stringArray: UInt32 = 8, i18nString: UInt32 = 9
    }

    private enum Value {
        case text(String)
        case integer(Int)
        case bytes([UInt8])
    }

    /// rpm's own sanity limits (`hdrchkTags`, `hdrchkData`).
    static let maxEntries = 0x00FF_FFFF
    static let maxData = 256 << 20

    /// Decodes the entry of one header blob.
    static func entry(_ blob: [UInt8]) throws(FormatError) -> RpmDBEntry {
        let reader = ByteReader(blob, bigEndian: true)
        guard let il = reader.u32(0).map(Int.init), let dl = reader.u32(4).map(Int.init) else {
            throw FormatError(message: "header of \(blob.count) bytes is shorter than its 8-byte preamble")
        }
        guard il >= 1, il <= maxEntries, dl <= maxData else {
            throw FormatError(message: "header claims \(il) index entries and \(dl) data bytes, outside rpm's limits")
        }
        let dataStart = 8 + il * 16
        guard reader.contains(dataStart, dl) else {
            throw FormatError(message: "header needs \(dataStart + dl) bytes but the blob has \(blob.count)")
        }
        var values: [Int32: Value] = [:]
        for index in 0..<il {
            let at = 8 + index * 16
            let tag = Int32(bitPattern: reader.u32(at)!)
            // One decode per wanted tag: a header repeating a tag millions of times costs no more.
            guard wanted.contains(tag), values[tag] == nil else { continue }
            let type = reader.u32(at + 4)!
            let offset = Int(Int32(bitPattern: reader.u32(at + 8)!))
            let count = Int(reader.u32(at + 12)!)
            guard offset >= 0, offset < dl || (offset == dl && count == 0) else {
                throw FormatError(message: "tag \(tag) points at offset \(offset) outside the \(dl)-byte data store")
            }
            guard let value = decode(type: type, count: count, reader, at: dataStart + offset, end: dataStart + dl) else {
                throw FormatError(message: "tag \(tag) of type \(type) (count \(count)) runs past the data store")
            }
            values[tag] = value
        }
        func text(_ tag: Int32) -> String? {
            if case .text(let value)? = values[tag], !value.isEmpty { return value }
            return nil
        }
        func integer(_ tag: Int32) -> Int? {
            if case .integer(let value)? = values[tag] { return value }
            return nil
        }
        guard let name = text(Tag.name) else { throw FormatError(message: "header has no package name (tag 1000)") }
        var sigMD5: String?
        if case .bytes(let digest)? = values[Tag.sigMD5] {
            let hex = Array("0123456789abcdef")
            sigMD5 = String(digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] })
        }
        return RpmDBEntry(
            name: name, version: text(Tag.version) ?? "", release: text(Tag.release) ?? "", epoch: integer(Tag.epoch),
            architecture: text(Tag.arch), sourceRPM: text(Tag.sourceRPM), license: text(Tag.license),
            vendor: text(Tag.vendor), size: integer(Tag.longSize) ?? integer(Tag.size), installTime: integer(Tag.installTime),
            sigMD5: sigMD5, modularityLabel: text(Tag.modularityLabel))
    }

    private static let wanted: Set<Int32> = [
        Tag.sigMD5, Tag.name, Tag.version, Tag.release, Tag.epoch, Tag.installTime, Tag.size, Tag.vendor,
        Tag.license, Tag.arch, Tag.sourceRPM, Tag.longSize, Tag.modularityLabel,
    ]

    /// The first element of a tag's value (strings, the first of an array; integers, the first), read
    /// from `at` without passing `end`, the end of the data store (both checked by the caller).
    private static func decode(type: UInt32, count: Int, _ reader: ByteReader, at: Int, end: Int) -> Value? {
        let available = end - at
        switch type {
        case Kind.string, Kind.stringArray, Kind.i18nString:
            guard count >= 1 else { return nil }
            return reader.cString(at, limit: available).map { .text($0.text) }
        case Kind.int8, Kind.int16, Kind.int32, Kind.int64:
            let size = [Kind.int8: 1, Kind.int16: 2, Kind.int32: 4, Kind.int64: 8][type]!
            guard count >= 1, size <= available else { return nil }
            switch size {
            case 1: return .integer(Int(reader.u8(at)!))
            case 2: return .integer(Int(reader.u16(at)!))
            case 4: return .integer(Int(reader.u32(at)!))
            default: return reader.word(at, size: 8).map { .integer($0) }
            }
        case Kind.binary:
            guard count <= available else { return nil }
            return .bytes(Array(reader.slice(at, count)!))
        default:
            return nil
        }
    }
}
