/// The fields of one 512-byte tar header block.
struct TarHeader {
    var name: String
    var mode: Int64
    var size: Int64
    var typeFlag: UInt8
    var linkName: String

    init(block: [UInt8], offset: Int64) throws {
        let stored = try Self.number(block[148..<156], offset: offset, field: "checksum")
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? UInt8(ascii: " ") : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || stored == signed else { throw TarError(.badChecksum(offset: offset)) }

        var name = Self.string(block[0..<100])
        // POSIX ustar ("ustar\0" + "00") splits long paths into prefix + name; GNU ("ustar  \0") does not.
        let isPOSIX = block[257..<263].elementsEqual(Array("ustar".utf8) + [0])
        if isPOSIX {
            let prefix = Self.string(block[345..<500])
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        self.name = name
        self.mode = try Self.number(block[100..<108], offset: offset, field: "mode")
        self.size = try Self.number(block[124..<136], offset: offset, field: "size")
        self.typeFlag = block[156]
        self.linkName = Self.string(block[157..<257])
    }

    var kind: TarEntry.Kind {
        switch typeFlag {
        case UInt8(ascii: "0"), UInt8(ascii: "7"), 0: .regular
        case UInt8(ascii: "1"): .hardLink
        case UInt8(ascii: "2"): .symbolicLink
        case UInt8(ascii: "5"): .directory
        default: .other(typeFlag)
        }
    }

    /// A NUL-terminated text field.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// An octal field, or a base-256 one when the high bit of its first byte is set.
    static func number(_ bytes: ArraySlice<UInt8>, offset: Int64, field: String) throws -> Int64 {
        guard let first = bytes.first else { return 0 }
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else {
                throw TarError(.badHeader(offset: offset, "negative base-256 \(field)"))
            }
            var value: Int64 = Int64(first & 0x3f)
            for byte in bytes.dropFirst() {
                guard value <= (Int64.max >> 8) else {
                    throw TarError(.badHeader(offset: offset, "base-256 \(field) overflows"))
                }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        var value: Int64 = 0
        var seenDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value <= (Int64.max >> 3) else {
                    throw TarError(.badHeader(offset: offset, "octal \(field) overflows"))
                }
                value = value << 3 | Int64(byte - UInt8(ascii: "0"))
                seenDigit = true
            case 0, UInt8(ascii: " "):
                if seenDigit { return value }
            default:
                throw TarError(.badHeader(offset: offset, "\(field) is not a number"))
            }
        }
        return value
    }
}

/// Pax extended header records: `"<length> <key>=<value>\n"`.
enum PaxRecords {
    static func parse(_ bytes: [UInt8], offset: Int64) throws -> [String: String] {
        var records: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0 { break }  // NUL padding after the last record
            guard let space = bytes[index...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: bytes[index..<space], as: UTF8.self)),
                  length > space - index + 1, length <= bytes.count - index,
                  bytes[index + length - 1] == UInt8(ascii: "\n"),
                  let equals = bytes[(space + 1)..<(index + length)].firstIndex(of: UInt8(ascii: "="))
            else {
                throw TarError(.badHeader(offset: offset, "malformed pax record"))
            }
            let key = String(decoding: bytes[(space + 1)..<equals], as: UTF8.self)
            let value = String(decoding: bytes[(equals + 1)..<(index + length - 1)], as: UTF8.self)
            records[key] = value
            index += length
        }
        return records
    }
}
