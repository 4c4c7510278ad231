/// Reads the header blobs of rpm's own NDB package database (`Packages.db`, SUSE since 15 SP3 and
/// openSUSE), as `lib/backend/ndb/rpmpkg.c` writes it, little-endian: a 32-byte file header, slot
/// pages of 16-byte slots (magic, package index, block offset, block count), and blobs addressed in
/// 16-byte blocks, each framed by a head (magic, package index, generation, length) and a tail.
enum RpmNDBReader {
    static let fileMagic = fourCC("RpmP")
    private static let slotMagic = fourCC("Slot")
    private static let blobHeadMagic = fourCC("BlbS")
    private static let pageSize = 4096
    private static let slotSize = 16
    private static let blockSize = 16
    private static let headerSize = 32
    private static let blobHeadSize = 16

    static func isNDB(_ bytes: [UInt8]) -> Bool {
        ByteReader(bytes).u32(0) == fileMagic
    }

    /// Header blobs in slot order.
    static func blobs(_ bytes: [UInt8]) throws(RpmHeader.FormatError) -> [[UInt8]] {
        let reader = ByteReader(bytes)
        guard reader.u32(0) == fileMagic else {
            throw RpmHeader.FormatError(message: "the file is not an NDB package database (no 'RpmP' magic)")
        }
        guard reader.u32(4) == 0 else {
            throw RpmHeader.FormatError(message: "NDB version \(reader.u32(4) ?? 0) is not supported (only 0)")
        }
        guard let slotPages = reader.u32(12).map(Int.init), slotPages >= 1,
              slotPages <= bytes.count / pageSize else {
            throw RpmHeader.FormatError(message: "the NDB header's slot page count does not fit the file")
        }
        var blobs: [[UInt8]] = []
        var slot = headerSize
        while slot + slotSize <= slotPages * pageSize {
            defer { slot += slotSize }
            guard reader.u32(slot) == slotMagic else {
                throw RpmHeader.FormatError(message: "NDB slot at offset \(slot) has no 'Slot' magic")
            }
            let packageIndex = reader.u32(slot + 4)!
            guard packageIndex != 0 else { continue }
            let blockOffset = Int(reader.u32(slot + 8)!), blockCount = Int(reader.u32(slot + 12)!)
            let start = blockOffset * blockSize
            guard reader.contains(start, blockCount * blockSize), reader.u32(start) == blobHeadMagic,
                  reader.u32(start + 4) == packageIndex, let length = reader.u32(start + 12).map(Int.init),
                  length <= blockCount * blockSize - blobHeadSize, let blob = reader.slice(start + blobHeadSize, length) else {
                throw RpmHeader.FormatError(message: "NDB blob of package \(packageIndex) at block \(blockOffset) is missing or damaged")
            }
            blobs.append(Array(blob))
        }
        return blobs
    }

    private static func fourCC(_ text: String) -> UInt32 {
        text.utf8.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}
