@testable import Catalogers
import Testing
import TestSupport

/// ELF numbers near Int.max that used to trap in `segment.offset + Int(delta)`, `header + pointerSize`
/// and `names.offset + nameOffset`: now the file is not a Go binary or its build info is malformed.
/// Issue 18, point 3.
@Suite struct BinaryOverflowTests {
    let path = "usr/local/bin/app"

    @Test(arguments: [UInt64(Int.max) - 4, UInt64(Int.max) - 20, UInt64(Int.max)])
    func goBuildInfoPointerThroughASegmentNearInt64Max(_ segmentOffset: UInt64) {
        let file = DatabaseFile(path: path, content: CraftedELF.preGo118(segmentOffset: segmentOffset, pointer: 0x1000 + 17))
        #expect(ELFFile(file.content)?.segments.count == 1)
        #expect(throws: CatalogError(.malformedBinary("the Go build info pointers lead outside the file"), path: path)) {
            try GoBinaryParser.buildInfo(file)
        }
    }

    /// With an honest segment the crafted file maps addresses to offsets inside it, and only inside it.
    @Test func fileOffsetsStayInsideTheFile() {
        let bytes = CraftedELF.preGo118(segmentOffset: 0, pointer: 0x1000 + 144)
        #expect(ELFFile(bytes)?.fileOffset(ofAddress: 0x1000 + 144) == 144)
        #expect(ELFFile(bytes)?.fileOffset(ofAddress: 0x1000 + 0xFFF) == nil)
    }

    @Test(arguments: [UInt64(Int.max) - 2, UInt64(Int.max)])
    func sectionNameTableNearInt64Max(_ namesOffset: UInt64) throws {
        let file = DatabaseFile(path: path, content: CraftedELF.sectionNamesAt(namesOffset, size: UInt64(Int.max)))
        let elf = try #require(ELFFile(file.content))
        #expect(elf.sections.isEmpty)
        #expect(try CargoAuditableParser.entries(file) == nil)
        #expect(try GoBinaryParser.buildInfo(file) == nil)
    }
}
