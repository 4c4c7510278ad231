import Foundation
import Testing
@testable import Archives

@Suite struct ArchivesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(relative)))
    }

    @Test func gunzipsARealFeed() throws {
        let compressed = try bytes("examples/advisories/nvd/nvd-cves.json.gz")
        #expect(Inflate.isGzip(compressed))
        let plain = try Inflate.inflate(compressed, format: .gzip, subject: "nvd-cves.json.gz")
        let text = String(decoding: plain, as: UTF8.self)
        #expect(text.hasPrefix("{"))
        #expect(text.contains("\"CVE-2016-8859\""))
    }

    @Test func truncatedGzipIsAnError() throws {
        let compressed = try bytes("examples/advisories/nvd/nvd-cves.json.gz")
        let cut = Array(compressed.prefix(compressed.count / 2))
        #expect(throws: ArchiveError(subject: "cut.gz", reason: .truncated)) {
            try Inflate.inflate(cut, format: .gzip, subject: "cut.gz")
        }
    }

    @Test func corruptDeflateIsAnError() throws {
        var compressed = try bytes("examples/advisories/nvd/nvd-cves.json.gz")
        for i in 20..<60 { compressed[i] ^= 0x5A }
        #expect(throws: ArchiveError.self) { try Inflate.inflate(compressed, format: .gzip, subject: "bad.gz") }
    }

    @Test func bombStopsAtTheLimit() throws {
        let compressed = try bytes("examples/advisories/nvd/nvd-cves.json.gz")
        #expect(throws: ArchiveError(subject: "x.gz", reason: .tooLarge(limit: 1000))) {
            try Inflate.inflate(compressed, format: .gzip, limit: 1000, subject: "x.gz")
        }
    }

    @Test func zipListsAndInflatesEntries() throws {
        let archive = try ZipArchive(bytes: try bytes("examples/advisories/debian-osv.zip"), name: "debian-osv.zip")
        #expect(archive.entries.count == 1217)
        let entry = try #require(archive.entries.first { $0.path == "DSA-5020-1.json" })
        #expect(entry.method == 8)
        let text = String(decoding: try archive.contents(of: entry), as: UTF8.self)
        #expect(text.contains("CVE-2021-44228"))
        #expect(text.utf8.count == entry.uncompressedSize)
    }

    @Test func notAZipIsAnError() {
        #expect(throws: ArchiveError.self) { try ZipArchive(bytes: Array("hello, this is not a zip archive".utf8), name: "x.zip") }
        #expect(throws: ArchiveError.self) { try ZipArchive(bytes: [], name: "empty.zip") }
    }
}
