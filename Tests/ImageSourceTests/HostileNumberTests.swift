import Foundation
import ImageSource
import Testing
import TestSupport

/// Numbers from tar headers and OCI descriptors near Int64.max, and oversized OCI documents: each is an
/// error naming its subject, never a trap, and a document over the limit is refused before it is read.
/// Issue 18, points 3 and 9.
@Suite struct HostileNumberTests {
    /// A header whose base-256 size is `size`, then a normal entry.
    private func tarClaiming(size: Int64) -> [UInt8] {
        var header = TestTarWriter.header(name: "huge", size: 0, typeFlag: 0x30)
        for index in 124..<136 { header[index] = 0 }
        header[124] = 0x80
        for index in 0..<8 { header[135 - index] = UInt8(truncatingIfNeeded: size >> Int64(8 * index)) }
        TestTarWriter.sealChecksum(&header)
        var tar = TestTarWriter()
        tar.addRaw(header: header, content: [])
        tar.add("after", "ok")
        return tar.archive
    }

    @Test(arguments: [Int64.max, Int64.max - 511, Int64.max - 600])
    func tarSizeNearInt64MaxIsRefused(_ size: Int64) {
        var reader = TarReader(source: MemoryChunkSource(tarClaiming(size: size)))
        #expect(throws: TarError.self) {
            while try reader.next() != nil {}
        }
    }

    /// The same archive read from a file, which skips entries by seeking: no overflow in the position.
    @Test func tarSizeNearInt64MaxFromAFileIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = try directory.write(tarClaiming(size: Int64.max - 600), to: "huge.tar")
        var reader = TarReader(source: try FileChunkSource(path: path))
        #expect(throws: TarError.self) {
            while try reader.next() != nil {}
        }
    }

    @Test func fileRangesPastInt64MaxAreClamped() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = try directory.write(Array("0123456789".utf8), to: "ten")
        var source = try FileChunkSource(path: path, offset: 4, length: .max)
        #expect(try source.nextChunk().map(Array.init) == Array("456789".utf8))
        var skipping = try FileChunkSource(path: path, offset: 2)
        #expect(try skipping.skip(.max))
        #expect(try skipping.nextChunk() == nil)
    }

    @Test func paxRecordLengthNearIntMaxIsMalformed() {
        var tar = TestTarWriter()
        let records = Array("10 ab=cde\n9223372036854775807 x=y\n".utf8)
        var header = TestTarWriter.header(name: "pax", size: records.count, typeFlag: UInt8(ascii: "x"))
        TestTarWriter.sealChecksum(&header)
        tar.addRaw(header: header, content: records)
        tar.add("file", "x")
        var reader = TarReader(source: MemoryChunkSource(tar.archive))
        #expect(throws: TarError.self) { try reader.next() }
    }

    /// An OCI layout whose two layers claim Int64.max bytes each: the image size would overflow.
    @Test func layerSizesSummingPastInt64MaxAreInvalid() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=test\n")
        let image = try builder.manifest(.init(layers: [tar.archive, tar.archive]))
        // Rewrite the manifest with the hostile sizes (and store it under its new digest).
        let manifestPath = directory.path + "/blobs/sha256/" + image.digest.dropFirst(7)
        let size = String(tar.archive.count)
        let hostile = try String(contentsOfFile: manifestPath, encoding: .utf8)
            .replacingOccurrences(of: "\"size\":\(size)}", with: "\"size\":\(Int64.max)}")
        let digest = try builder.blob(Array(hostile.utf8))
        try builder.index([#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(digest)","size":\#(hostile.utf8.count)}"#])
        let error = #expect(throws: ImageSourceError.self) { try ImageOpener.open(.ociDirectory(directory.path)) }
        #expect(error?.description.contains("makes the image larger than 2^63 bytes") == true)
    }

    /// A 2 GiB config blob (sparse: no disk used) is refused from its size, before a byte is read.
    @Test func oversizedConfigBlobIsRefusedBeforeReading() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=test\n")
        let image = try builder.manifest(.init(layers: [tar.archive]))
        try builder.index([image.descriptor])
        let manifest = try String(contentsOfFile: directory.path + "/blobs/sha256/" + image.digest.dropFirst(7), encoding: .utf8)
        let configDigest = try #require(manifest.firstMatch(of: /"config":\{[^}]*"digest":"sha256:([0-9a-f]{64})"/)?.output.1)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.path + "/blobs/sha256/" + configDigest))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let error = #expect(throws: ImageSourceError.self) { try ImageOpener.open(.ociDirectory(directory.path)) }
        #expect(error?.reason == .unsupported("a document of \(2 << 30) bytes (the limit is \(16 << 20))"))
        #expect(error?.subject == "sha256:" + configDigest)
    }
}
