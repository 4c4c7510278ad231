import TestSupport
import ImageSource
import Testing

@Suite struct TarReaderTests {
    private static let longPath = "usr/lib/python3.11/site-packages/"
        + String(repeating: "a-very-long-directory-name-", count: 4) + "/METADATA"

    private func entries(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [(TarEntry, [UInt8])] {
        var reader = TarReader(source: MemoryChunkSource(bytes, chunkSize: chunkSize))
        var result: [(TarEntry, [UInt8])] = []
        while let entry = try reader.next() { result.append((entry, try reader.readAllContent())) }
        return result
    }

    @Test(arguments: ["tar/pax.tar", "tar/gnu.tar"], [1 << 20, 7, 512])
    func readsPythonWrittenExtensions(fixture: String, chunkSize: Int) throws {
        let read = try entries(Fixtures.bytes(fixture), chunkSize: chunkSize)
        #expect(read.map(\.0.normalizedPath) == [
            "etc", "etc/os-release", Self.longPath, "usr/lib/link-" + String(repeating: "x", count: 120),
            "big-uid.txt", "données/été.txt",
        ])
        #expect(read.map(\.0.kind) == [.directory, .regular, .regular, .symbolicLink, .regular, .regular])
        #expect(read[0].0.path == "./etc/")
        #expect(read[1].1 == Array("ID=alpine\nVERSION_ID=3.10.4\n".utf8))
        #expect(read[2].1 == Array("Name: long\nVersion: 1.0\n".utf8))
        #expect(read[3].0.linkName == "/" + Self.longPath)
        #expect(read[4].1 == Array("uid\n".utf8))
        #expect(read[5].1 == Array("ete\n".utf8))
    }

    @Test func readsBase256Size() throws {
        var header = TestTarWriter.header(name: "big", size: 0, typeFlag: 0x30)
        for index in 124..<136 { header[index] = 0 }
        header[124] = 0x80
        header[135] = 5
        TestTarWriter.sealChecksum(&header)
        var tar = TestTarWriter()
        tar.addRaw(header: header, content: Array("12345".utf8))
        tar.add("after", "ok")
        let read = try entries(tar.archive)
        #expect(read.map(\.0.size) == [5, 2])
        #expect(read[0].1 == Array("12345".utf8))
        #expect(read[1].1 == Array("ok".utf8))
    }

    @Test func verifiesHeaderChecksum() throws {
        var tar = TestTarWriter()
        tar.add("first", "1")
        tar.add("second", "2")
        var bytes = tar.archive
        bytes[1024 + 2] ^= 0x20  // the second header starts after one header and one content block
        var reader = TarReader(source: MemoryChunkSource(bytes))
        #expect(try reader.next()?.path == "first")
        let error = #expect(throws: TarError.self) { try reader.next() }
        #expect(error?.reason == .badChecksum(offset: 1024))
    }

    @Test func reportsTruncationInsideContent() throws {
        var tar = TestTarWriter()
        tar.add("file", content: [UInt8](repeating: 7, count: 3000))
        var reader = TarReader(source: MemoryChunkSource(Array(tar.archive.prefix(2000))))
        #expect(try reader.next()?.size == 3000)
        let error = #expect(throws: TarError.self) { try reader.readAllContent() }
        #expect(error?.reason == .unexpectedEnd)
    }

    @Test func refusesAbsurdEntrySize() throws {
        var tar = TestTarWriter()
        tar.add("huge", content: [UInt8](repeating: 1, count: 4096))
        var reader = TarReader(source: MemoryChunkSource(tar.archive), maxEntrySize: 1024)
        let error = #expect(throws: TarError.self) { try reader.next() }
        #expect(error?.reason == .entryTooLarge(path: "huge", size: 4096))
    }

    @Test func normalizesPaths() {
        #expect(TarEntry.normalize("./etc/os-release") == "etc/os-release")
        #expect(TarEntry.normalize("/./usr/lib/") == "usr/lib")
        #expect(TarEntry.normalize("./") == "")
        #expect(TarEntry.normalize("a/./b") == "a/./b")
    }
}
