/// Builds the zip structures the hostile-input tests need, field by field (little-endian).
public struct CraftedZip {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    public mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
    public mutating func u64(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }

    /// The zip64 end-of-central-directory record: `count` entries whose directory starts at `offset`.
    public mutating func zip64EndRecord(count: UInt64, offset: UInt64) {
        u32(0x0606_4B50); u64(44); u16(45); u16(45); u32(0); u32(0)
        u64(count); u64(count); u64(0); u64(offset)
    }

    /// The zip64 locator: where the zip64 end record is.
    public mutating func zip64Locator(recordOffset: UInt64) {
        u32(0x0706_4B50); u32(0); u64(recordOffset); u32(1)
    }

    /// The classic end record; 0xFFFF / 0xFFFFFFFF send the reader to the zip64 locator.
    public mutating func endRecord(count: UInt16, size: UInt32, offset: UInt32) {
        u32(0x0605_4B50); u16(0); u16(0); u16(count); u16(count); u32(size); u32(offset); u16(0)
    }

    /// An entry's local header and data (stored unless `method` is 8, deflate).
    public mutating func localEntry(name: String, data: [UInt8], method: UInt16 = 0, uncompressedSize: Int? = nil) {
        u32(0x0403_4B50); u16(20); u16(0); u16(method); u16(0); u16(0)
        u32(0); u32(UInt32(data.count)); u32(UInt32(uncompressedSize ?? data.count)); u16(UInt16(name.utf8.count)); u16(0)
        bytes += Array(name.utf8) + data
    }

    /// A plain central directory entry.
    public mutating func centralEntry(name: String, method: UInt16, compressed: Int, uncompressed: Int, localOffset: Int) {
        u32(0x0201_4B50); u16(20); u16(20); u16(0); u16(method); u16(0); u16(0)
        u32(0); u32(UInt32(compressed)); u32(UInt32(uncompressed)); u16(UInt16(name.utf8.count)); u16(0); u16(0)
        u16(0); u16(0); u32(0); u32(UInt32(localOffset))
        bytes += Array(name.utf8)
    }

    /// A whole archive of `entries` (method 0 stored, 8 deflated; `data` as it is stored).
    public static func archive(_ entries: [(name: String, method: UInt16, data: [UInt8], uncompressedSize: Int)]) -> [UInt8] {
        var builder = CraftedZip()
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(builder.bytes.count)
            builder.localEntry(name: entry.name, data: entry.data, method: entry.method, uncompressedSize: entry.uncompressedSize)
        }
        let directory = builder.bytes.count
        for (entry, offset) in zip(entries, offsets) {
            builder.centralEntry(name: entry.name, method: entry.method, compressed: entry.data.count, uncompressed: entry.uncompressedSize, localOffset: offset)
        }
        builder.endRecord(count: UInt16(entries.count), size: UInt32(builder.bytes.count - directory), offset: UInt32(directory))
        return builder.bytes
    }

    /// A raw deflate stream of `count` zero bytes in one fixed-Huffman block: a literal 0, then matches
    /// of 258 bytes at distance 1 (13 bits each, about 160:1), then literals: a bomb built without zlib.
    public static func deflatedZeros(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0, filled: UInt32 = 0
        func bits(_ value: UInt32, _ length: UInt32) {
            accumulator |= value << filled
            filled += length
            while filled >= 8 { out.append(UInt8(accumulator & 0xFF)); accumulator >>= 8; filled -= 8 }
        }
        /// Huffman codes go most significant bit first.
        func code(_ value: UInt32, _ length: UInt32) {
            var reversed: UInt32 = 0
            for index in 0..<length { reversed |= ((value >> index) & 1) << (length - 1 - index) }
            bits(reversed, length)
        }
        bits(1, 1); bits(1, 2)          // final block, fixed Huffman
        var left = count
        if left > 0 { code(0x30, 8); left -= 1 }                        // literal 0
        while left >= 258 { code(0xC5, 8); code(0, 5); left -= 258 }   // length 258 (285), distance 1
        while left > 0 { code(0x30, 8); left -= 1 }
        code(0, 7)                      // end of block
        if filled > 0 { out.append(UInt8(accumulator & 0xFF)) }
        return out
    }

    /// A central directory entry whose local header offset is in a zip64 extra field.
    public mutating func centralEntry(name: String, size: UInt32, zip64LocalOffset: UInt64) {
        u32(0x0201_4B50); u16(45); u16(45); u16(0); u16(0); u16(0); u16(0)
        u32(0); u32(size); u32(size); u16(UInt16(name.utf8.count)); u16(12); u16(0)
        u16(0); u16(0); u32(0); u32(0xFFFF_FFFF)
        bytes += Array(name.utf8)
        u16(0x0001); u16(8); u64(zip64LocalOffset)
    }

    /// One stored entry `a.json` whose central directory gives its local header at `localOffset` (zip64).
    public static func entryWithLocalOffset(_ localOffset: UInt64) -> [UInt8] {
        var zip = CraftedZip()
        zip.localEntry(name: "a.json", data: Array("{}".utf8))
        let directory = UInt32(zip.bytes.count)
        zip.centralEntry(name: "a.json", size: 2, zip64LocalOffset: localOffset)
        zip.endRecord(count: 1, size: UInt32(zip.bytes.count) - directory, offset: directory)
        return zip.bytes
    }

    /// A zip64 locator pointing at `recordOffset`, then an end record that defers to it.
    public static func locatorPointingAt(_ recordOffset: UInt64) -> [UInt8] {
        var zip = CraftedZip()
        zip.zip64Locator(recordOffset: recordOffset)
        zip.endRecord(count: 0xFFFF, size: 0xFFFF_FFFF, offset: 0xFFFF_FFFF)
        return zip.bytes
    }

    /// A valid zip64 end record whose central directory offset is `directoryOffset`.
    public static func directoryAt(_ directoryOffset: UInt64) -> [UInt8] {
        var zip = CraftedZip()
        zip.zip64EndRecord(count: 1, offset: directoryOffset)
        zip.zip64Locator(recordOffset: 0)
        zip.endRecord(count: 0xFFFF, size: 0xFFFF_FFFF, offset: 0xFFFF_FFFF)
        return zip.bytes
    }
}
