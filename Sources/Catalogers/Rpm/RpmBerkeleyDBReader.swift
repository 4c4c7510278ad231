/// Reads the header blobs of a Berkeley DB hash database (`Packages`, rpm < 4.16): a metadata page,
/// hash pages holding key/value items, and overflow pages for values too big for one page. The
/// key is the 4-byte header number; values are header blobs. Byte order follows the file's magic.
enum RpmBerkeleyDBReader {
    static let hashMagic: UInt32 = 0x0006_1561

    private enum PageType {
        static let hashUnsorted: UInt8 = 2, overflow: UInt8 = 7, hashMeta: UInt8 = 8, hash: UInt8 = 13
    }

    private enum ItemType {
        static let keyData: UInt8 = 1, offPage: UInt8 = 3
    }

    /// Bytes of the generic page header (`PAGE` in db_page.h).
    private static let pageHeaderSize = 26

    /// Whether `bytes` starts with a Berkeley DB hash metadata page (either byte order).
    static func isHashDatabase(_ bytes: [UInt8]) -> Bool {
        let little = ByteReader(bytes).u32(12), big = ByteReader(bytes, bigEndian: true).u32(12)
        return little == hashMagic || big == hashMagic
    }

    /// Header blobs in page order; the record with header number 0 (rpm's instance counter) is skipped.
    static func blobs(_ bytes: [UInt8]) throws(RpmHeader.FormatError) -> [[UInt8]] {
        var reader = ByteReader(bytes)
        if reader.u32(12) != hashMagic {
            reader.bigEndian = true
            guard reader.u32(12) == hashMagic else {
                throw RpmHeader.FormatError(message: "the file is not a Berkeley DB hash database (no hash magic)")
            }
        }
        guard reader.u8(25) == PageType.hashMeta, let pageSize = reader.u32(20).map(Int.init),
              pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw RpmHeader.FormatError(message: "the Berkeley DB metadata page is damaged (page type or size)")
        }
        guard reader.u8(24) == 0 else {
            throw RpmHeader.FormatError(message: "the Berkeley DB database is encrypted")
        }
        let lastPage = Int(reader.u32(32) ?? 0)
        let pageCount = min(lastPage + 1, bytes.count / pageSize)
        var blobs: [[UInt8]] = []
        for page in 1..<max(1, pageCount) {
            let start = page * pageSize
            guard let type = reader.u8(start + 25), type == PageType.hash || type == PageType.hashUnsorted else { continue }
            let entries = Int(reader.u16(start + 20) ?? 0)
            guard pageHeaderSize + entries * 2 <= pageSize else {
                throw RpmHeader.FormatError(message: "hash page \(page) claims \(entries) items, more than fit in a page")
            }
            var index = 0
            while index + 1 < entries {
                let keyAt = Int(reader.u16(start + pageHeaderSize + index * 2)!)
                let valueAt = Int(reader.u16(start + pageHeaderSize + (index + 1) * 2)!)
                let keyEnd = index == 0 ? pageSize : Int(reader.u16(start + pageHeaderSize + (index - 1) * 2)!)
                defer { index += 2 }
                guard keyAt < keyEnd, keyEnd <= pageSize, valueAt < keyAt else {
                    throw RpmHeader.FormatError(message: "hash page \(page) has items out of order at index \(index)")
                }
                // The header number 0 record is rpm's counter, not a package.
                if reader.u8(start + keyAt) == ItemType.keyData, keyEnd - keyAt == 5,
                   reader.u32(start + keyAt + 1) == 0 {
                    continue
                }
                switch reader.u8(start + valueAt) {
                case ItemType.keyData:
                    blobs.append(Array(reader.slice(start + valueAt + 1, keyAt - valueAt - 1)!))
                case ItemType.offPage:
                    guard let first = reader.u32(start + valueAt + 4).map(Int.init),
                          let length = reader.u32(start + valueAt + 8).map(Int.init) else {
                        throw RpmHeader.FormatError(message: "hash page \(page) has a truncated off-page item")
                    }
                    blobs.append(try overflowChain(reader, first: first, length: length, pageSize: pageSize, pageCount: pageCount))
                default:
                    continue
                }
            }
        }
        return blobs
    }

    /// Concatenates the overflow pages starting at `first` (each holds `hf_offset` bytes of data).
    private static func overflowChain(_ reader: ByteReader, first: Int, length: Int, pageSize: Int, pageCount: Int) throws(RpmHeader.FormatError) -> [UInt8] {
        guard length <= RpmHeader.maxData else {
            throw RpmHeader.FormatError(message: "an off-page value claims \(length) bytes, over rpm's limit")
        }
        var data: [UInt8] = []
        data.reserveCapacity(length)
        var page = first
        var visited = 0
        while page != 0, data.count < length {
            visited += 1
            let start = page * pageSize
            guard page < pageCount, visited <= pageCount, reader.u8(start + 25) == PageType.overflow,
                  let used = reader.u16(start + 22).map(Int.init), let next = reader.u32(start + 16),
                  used <= pageSize - pageHeaderSize else {
                throw RpmHeader.FormatError(message: "overflow page \(page) is missing, looped or damaged")
            }
            data += reader.slice(start + pageHeaderSize, min(used, length - data.count))!
            page = Int(next)
        }
        guard data.count == length else {
            throw RpmHeader.FormatError(message: "an off-page value ends after \(data.count) of its \(length) bytes")
        }
        return data
    }
}
