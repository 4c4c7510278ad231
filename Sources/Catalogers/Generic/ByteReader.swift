/// Bounds-checked reads of integers and strings at byte offsets of an untrusted buffer.
/// Every read returns nil instead of trapping when it would leave the buffer.
struct ByteReader {
    let bytes: [UInt8]
    /// Multi-byte integers are little-endian unless this is set.
    var bigEndian: Bool

    init(_ bytes: [UInt8], bigEndian: Bool = false) {
        self.bytes = bytes
        self.bigEndian = bigEndian
    }

    var count: Int { bytes.count }

    /// Whether `length` bytes starting at `offset` lie inside the buffer (no overflow).
    func contains(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
    }

    func u8(_ offset: Int) -> UInt8? {
        contains(offset, 1) ? bytes[offset] : nil
    }

    func u16(_ offset: Int) -> UInt16? {
        integer(offset, size: 2).map { UInt16(truncatingIfNeeded: $0) }
    }

    func u32(_ offset: Int) -> UInt32? {
        integer(offset, size: 4).map { UInt32(truncatingIfNeeded: $0) }
    }

    func u64(_ offset: Int) -> UInt64? {
        integer(offset, size: 8)
    }

    /// A 4- or 8-byte unsigned integer as `Int`, nil when it does not fit.
    func word(_ offset: Int, size: Int) -> Int? {
        guard let value = integer(offset, size: size), value <= UInt64(Int.max) else { return nil }
        return Int(value)
    }

    func slice(_ offset: Int, _ length: Int) -> ArraySlice<UInt8>? {
        contains(offset, length) ? bytes[offset..<(offset + length)] : nil
    }

    /// The NUL-terminated string at `offset` (not longer than `limit` bytes), or nil.
    func cString(_ offset: Int, limit: Int = 1 << 20) -> (text: String, end: Int)? {
        guard contains(offset, 0) else { return nil }
        let end = min(bytes.count, offset + min(limit, bytes.count - offset))
        guard let nul = bytes[offset..<end].firstIndex(of: 0) else { return nil }
        return (String(decoding: bytes[offset..<nul], as: UTF8.self), nul + 1)
    }

    /// The first offset at or after `start` where `needle` occurs (a plain scan keyed on its first byte).
    func firstOffset(of needle: [UInt8], from start: Int = 0, alignment: Int = 1) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var offset = max(0, start)
        let last = bytes.count - needle.count
        while offset <= last {
            if bytes[offset] == first, bytes[offset..<(offset + needle.count)].elementsEqual(needle) {
                if offset % alignment == 0 { return offset }
            }
            offset += 1
        }
        return nil
    }

    private func integer(_ offset: Int, size: Int) -> UInt64? {
        guard contains(offset, size) else { return nil }
        var value: UInt64 = 0
        for index in 0..<size {
            let byte = UInt64(bytes[offset + (bigEndian ? index : size - 1 - index)])
            value = value << 8 | byte
        }
        return value
    }
}
