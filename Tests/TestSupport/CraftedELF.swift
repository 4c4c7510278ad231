/// Builds minimal 64-bit little-endian ELF files field by field, for the hostile-input tests.
public struct CraftedELF {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func u16(_ value: UInt16) { put(UInt64(value), size: 2) }
    public mutating func u32(_ value: UInt32) { put(UInt64(value), size: 4) }
    public mutating func u64(_ value: UInt64) { put(value, size: 8) }
    private mutating func put(_ value: UInt64, size: Int) {
        for index in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
    }
    public mutating func pad(to count: Int) { while bytes.count < count { bytes.append(0) } }

    /// The 64-byte file header: `phnum` program headers at 64, `shnum` section headers at `shoff`.
    public mutating func header(phnum: UInt16, shoff: UInt64 = 0, shnum: UInt16 = 0, shstrndx: UInt16 = 0) {
        bytes += [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        u16(2); u16(62); u32(1); u64(0); u64(phnum > 0 ? 64 : 0); u64(shoff); u32(0)
        u16(64); u16(56); u16(phnum); u16(64); u16(shnum); u16(shstrndx)
    }

    /// A PT_LOAD program header mapping `fileSize` bytes at `virtualAddress` from file offset `offset`.
    public mutating func loadSegment(offset: UInt64, virtualAddress: UInt64, fileSize: UInt64) {
        u32(1); u32(5); u64(offset); u64(virtualAddress); u64(virtualAddress); u64(fileSize); u64(fileSize); u64(0x1000)
    }

    /// A section header.
    public mutating func section(name: UInt32, type: UInt32, offset: UInt64, size: UInt64) {
        u32(name); u32(type); u64(0); u64(0); u64(offset); u64(size); u32(0); u32(0); u64(1); u64(0)
    }

    /// A Go binary before 1.18 without section headers: its build info at 128 holds two pointers to
    /// `pointer`, which one PT_LOAD segment (virtual 0x1000, file offset `segmentOffset`) maps.
    public static func preGo118(segmentOffset: UInt64, pointer: UInt64) -> [UInt8] {
        var elf = CraftedELF()
        elf.header(phnum: 1)
        elf.loadSegment(offset: segmentOffset, virtualAddress: 0x1000, fileSize: 0x1000)
        elf.pad(to: 128)
        elf.bytes += [0xFF] + Array(" Go buildinf:".utf8) + [8, 0]
        elf.u64(pointer); elf.u64(pointer)
        return elf.bytes
    }

    /// An ELF whose section-name table (`.shstrtab`) claims to sit at `namesOffset` with `namesSize` bytes.
    public static func sectionNamesAt(_ namesOffset: UInt64, size namesSize: UInt64) -> [UInt8] {
        var elf = CraftedELF()
        elf.header(phnum: 0, shoff: 64, shnum: 2, shstrndx: 1)
        elf.section(name: 10, type: 1, offset: 0, size: 16)
        elf.section(name: 1, type: 3, offset: namesOffset, size: namesSize)
        return elf.bytes
    }
}
