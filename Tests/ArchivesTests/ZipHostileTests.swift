import Testing
@testable import Archives
import TestSupport

/// Crafted zip64 numbers that used to trap (`Int(UInt64)`, `offset + 46`, `header + 30`): each is now an
/// `ArchiveError` naming the archive. Issue 18, point 3.
@Suite struct ZipHostileTests {
    @Test func zip64LocatorOffsetOf2To64Minus1IsCorrupt() {
        let bytes = CraftedZip.locatorPointingAt(.max)
        #expect(throws: ArchiveError(subject: "x.jar", reason: .corrupt("bad zip64 end record"))) {
            try ZipArchive(bytes: bytes, name: "x.jar")
        }
    }

    @Test func zip64LocatorOffsetPastTheFileIsCorrupt() {
        for offset: UInt64 in [UInt64(Int.max), UInt64(Int.max) - 40, 1 << 40] {
            #expect(throws: ArchiveError.self) { try ZipArchive(bytes: CraftedZip.locatorPointingAt(offset), name: "x.zip") }
        }
    }

    @Test func zip64DirectoryOffsetNearInt64MaxIsCorrupt() {
        for offset: UInt64 in [UInt64(Int.max) - 20, UInt64(Int.max), .max] {
            #expect(throws: ArchiveError.self) { try ZipArchive(bytes: CraftedZip.directoryAt(offset), name: "x.zip") }
        }
    }

    @Test func zip64LocalHeaderOffsetNearInt64MaxFailsOnlyThatEntry() throws {
        let archive = try ZipArchive(bytes: CraftedZip.entryWithLocalOffset(UInt64(Int.max) - 10), name: "x.zip")
        let entry = try #require(archive.entries.first)
        #expect(entry.path == "a.json")
        #expect(throws: ArchiveError(subject: "x.zip!a.json", reason: .corrupt("bad local header"))) {
            try archive.contents(of: entry)
        }
    }

    @Test func zip64LocalHeaderOffsetOf2To64Minus1IsCorrupt() {
        #expect(throws: ArchiveError(subject: "x.zip!a.json", reason: .corrupt("zip64 size or offset beyond 2^63"))) {
            try ZipArchive(bytes: CraftedZip.entryWithLocalOffset(.max), name: "x.zip")
        }
    }

    /// The builder itself makes readable archives: the same entry with an honest zip64 offset reads back.
    @Test func craftedEntryWithAnHonestOffsetReads() throws {
        let archive = try ZipArchive(bytes: CraftedZip.entryWithLocalOffset(0), name: "x.zip")
        let entry = try #require(archive.entries.first)
        #expect(try archive.contents(of: entry) == Array("{}".utf8))
    }
}
