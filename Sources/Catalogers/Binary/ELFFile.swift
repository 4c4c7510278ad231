/// The parts of an ELF file the binary catalogers need: named sections and the loadable segments
/// that map virtual addresses to file offsets. 32/64-bit, either byte order; every offset is checked.
struct ELFFile {
    struct Section {
        var name: String
        var type: UInt32
        var address: UInt64
        var offset: Int
        var size: Int
    }

    struct Segment {
        var virtualAddress: UInt64
        var offset: Int
        var fileSize: Int
    }

    static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]

    let reader: ByteReader
    let is64Bit: Bool
    private(set) var sections: [Section] = []
    private(set) var segments: [Segment] = []

    /// Nil when `bytes` is not ELF or its header tables do not fit the file.
    init?(_ bytes: [UInt8]) {
        guard bytes.starts(with: Self.magic), bytes.count >= 52 else { return nil }
        let elfClass = bytes[4], encoding = bytes[5]
        guard elfClass == 1 || elfClass == 2, encoding == 1 || encoding == 2 else { return nil }
        is64Bit = elfClass == 2
        reader = ByteReader(bytes, bigEndian: encoding == 2)
        let word = is64Bit ? 8 : 4
        // e_phoff, e_shoff, then e_phentsize/e_phnum/e_shentsize/e_shnum/e_shstrndx.
        let phoffAt = 24 + word, shoffAt = 24 + 2 * word, sizesAt = 24 + 3 * word + 6
        guard let phoff = reader.word(phoffAt, size: word), let shoff = reader.word(shoffAt, size: word),
              let phentsize = reader.u16(sizesAt).map(Int.init), let phnum = reader.u16(sizesAt + 2).map(Int.init),
              let shentsize = reader.u16(sizesAt + 4).map(Int.init), let shnum = reader.u16(sizesAt + 6).map(Int.init),
              let shstrndx = reader.u16(sizesAt + 8).map(Int.init) else { return nil }
        if phnum > 0, phentsize >= (is64Bit ? 56 : 32), reader.contains(phoff, phnum * phentsize) {
            for index in 0..<phnum {
                let at = phoff + index * phentsize
                guard reader.u32(at) == 1 else { continue } // PT_LOAD
                let fields: (Int?, UInt64?, Int?) = is64Bit
                    ? (reader.word(at + 8, size: 8), reader.u64(at + 16), reader.word(at + 32, size: 8))
                    : (reader.word(at + 4, size: 4), reader.u32(at + 8).map(UInt64.init), reader.word(at + 16, size: 4))
                if let offset = fields.0, let address = fields.1, let size = fields.2 {
                    segments.append(Segment(virtualAddress: address, offset: offset, fileSize: size))
                }
            }
        }
        guard shnum > 0, shentsize >= (is64Bit ? 64 : 40), reader.contains(shoff, shnum * shentsize) else { return }
        var raw: [(nameOffset: Int, type: UInt32, address: UInt64, offset: Int, size: Int)] = []
        for index in 0..<shnum {
            let at = shoff + index * shentsize
            let nameOffset = Int(reader.u32(at)!), type = reader.u32(at + 4)!
            let address = is64Bit ? reader.u64(at + 16)! : UInt64(reader.u32(at + 12)!)
            let offset = (is64Bit ? reader.word(at + 24, size: 8) : reader.word(at + 16, size: 4)) ?? -1
            let size = (is64Bit ? reader.word(at + 32, size: 8) : reader.word(at + 20, size: 4)) ?? -1
            raw.append((nameOffset, type, address, offset, size))
        }
        guard shstrndx < raw.count, raw[shstrndx].offset >= 0 else { return }
        let names = raw[shstrndx]
        for entry in raw {
            // Both numbers come from the file (up to Int.max each): their sum is checked, not trusted.
            let (nameAt, overflow) = names.offset.addingReportingOverflow(entry.nameOffset)
            guard entry.nameOffset < names.size, !overflow,
                  let name = reader.cString(nameAt, limit: names.size - entry.nameOffset) else { continue }
            sections.append(Section(name: name.text, type: entry.type, address: entry.address, offset: entry.offset, size: entry.size))
        }
    }

    /// The bytes of the named section (nil when absent, `SHT_NOBITS` or outside the file).
    func sectionData(_ name: String) -> [UInt8]? {
        guard let section = sections.first(where: { $0.name == name }), section.type != 8,
              let data = reader.slice(section.offset, section.size) else { return nil }
        return Array(data)
    }

    /// The file offset of virtual address `address`, through the loadable segments; nil when no segment
    /// maps it or it maps outside the file (`p_offset` may be anything up to Int.max: the sum is checked).
    func fileOffset(ofAddress address: UInt64) -> Int? {
        for segment in segments where address >= segment.virtualAddress {
            let delta = address - segment.virtualAddress
            guard delta < UInt64(segment.fileSize) else { continue }
            let (offset, overflow) = segment.offset.addingReportingOverflow(Int(delta))
            return !overflow && reader.contains(offset, 0) ? offset : nil
        }
        return nil
    }
}
