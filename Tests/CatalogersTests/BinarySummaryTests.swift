@testable import Catalogers
import ScoutModel
import Testing

/// What layers keep of programs: the binary parsers' findings and errors, read back as if from the file.
@Suite struct BinarySummaryTests {
    /// Feeds `content` to the reducer in pieces of `piece` bytes, counting what it pulled.
    static func reduce(_ path: String, _ content: [UInt8], piece: Int = 1000) throws -> (summary: [UInt8], pulled: Int) {
        var rest = content[...]
        var pulled = 0
        let summary = try BinarySummary.reduce(path: path, size: Int64(content.count)) {
            guard !rest.isEmpty else { return nil }
            let next = rest.prefix(piece)
            rest = rest.dropFirst(next.count)
            pulled += next.count
            return next
        }
        return (summary, pulled)
    }

    static func packages(_ file: DatabaseFile) throws(CatalogError) -> [Package] {
        try GoBinaryParser.parse(file, CatalogContext(os: nil)) + CargoAuditableParser.parse(file, CatalogContext(os: nil))
    }

    @Test func aSummaryGivesThePackagesOfTheProgramAtItsOwnPath() throws {
        for (folder, path) in [("rootfs/scalibr-go-binary", GoBinaryCatalogerTests.binary), ("cargo", "usr/local/bin/demo-auditable")] {
            let program = try FixtureFiles.file(folder, path)
            let reduced = try Self.reduce(path, program.content)
            #expect(reduced.summary.count < 4096, "\(path): \(reduced.summary.count) bytes")
            let whole = try Self.packages(program)
            #expect(!whole.isEmpty)
            #expect(try Self.packages(DatabaseFile(path: path, content: reduced.summary)) == whole)
            // A hard link elsewhere shares the summary; its packages are located at the link.
            let linked = try Self.packages(DatabaseFile(path: "usr/bin/linked", content: reduced.summary))
            #expect(linked.allSatisfy { $0.locations == ["usr/bin/linked"] })
            #expect(linked.count == whole.count)
        }
    }

    @Test func aFileThatIsNotELFIsLeftUnread() throws {
        let script = Array("#!/bin/sh\necho hello\n".utf8) + [UInt8](repeating: 0x20, count: 1 << 20)
        let reduced = try Self.reduce("usr/local/bin/hello", script)
        #expect(reduced.pulled < 2000)
        #expect(try Self.packages(DatabaseFile(path: "usr/local/bin/hello", content: reduced.summary)).isEmpty)
    }

    @Test func aBrokenBuildInfoIsReportedFromTheSummaryAsFromTheFile() throws {
        // ELF64 without section headers, the build info magic at offset 64, flags 2 (inline strings)
        // and a first string claiming 127 bytes where 8 remain.
        var program: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)
        program += GoBuildInfo.magicBytes + [8, 2] + [UInt8](repeating: 0, count: 16) + [0x7F] + [UInt8](repeating: 0x41, count: 8)
        let path = "usr/local/bin/broken"
        let direct = #expect(throws: CatalogError.self) { try GoBinaryParser.parse(DatabaseFile(path: path, content: program), CatalogContext(os: nil)) }
        let summary = try Self.reduce(path, program, piece: 7).summary
        let viaSummary = #expect(throws: CatalogError.self) { try GoBinaryParser.parse(DatabaseFile(path: path, content: summary), CatalogContext(os: nil)) }
        #expect(direct?.description.contains("run past the end of the file") == true, "\(String(describing: direct))")
        #expect(viaSummary == direct)
    }

    @Test func onlyProgramsNoOtherCatalogerReadsAreSummarized() {
        #expect(BinarySummary.applies("usr/local/bin/tool"))
        #expect(BinarySummary.applies("manager"))
        #expect(!BinarySummary.applies("var/lib/dpkg/status"))
        #expect(!BinarySummary.applies("etc/os-release"))
        #expect(!BinarySummary.applies("app/package.json"))
    }
}
