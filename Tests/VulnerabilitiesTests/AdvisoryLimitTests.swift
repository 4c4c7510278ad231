import Foundation
import Testing
import TestSupport
@testable import Vulnerabilities

/// Advisory files whose numbers or sizes are hostile: crafted zip64 offsets, a KEV `count` of 1e300,
/// deflate bombs in `.zip` and `.json.gz`, a 1 GiB document. Each is a warning or an `ImportError`
/// naming the file, found while reading (or before), never a trap. Issue 18, points 3, 9 and 17b.
@Suite struct AdvisoryLimitTests {
    /// A fresh folder under the temporary directory.
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("advisory-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static let goodOSV = Array(#"{"id":"GHSA-good","affected":[{"package":{"ecosystem":"PyPI","name":"x"},"versions":["1.0"]}]}"#.utf8)

    @Test func kevCountOf1e300IsMalformed() {
        let document = Data(#"{"count": 1e300, "vulnerabilities": []}"#.utf8)
        let error = #expect(throws: ImportError.self) { try KEVDecoder.decode(document, path: "kev.json") }
        #expect(error?.description == "Failed to import advisory file 'kev.json': 'count' says 1e+300 entries but 0 are listed (truncated?)")
        let fractional = Data(#"{"count": 0.5, "vulnerabilities": []}"#.utf8)
        #expect(throws: ImportError.self) { try KEVDecoder.decode(fractional, path: "kev.json") }
    }

    @Test func osvZipWithALocatorAt2To64Minus1IsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("all.zip")
        try Data(CraftedZip.locatorPointingAt(.max)).write(to: path)
        let error = #expect(throws: ImportError.self) { try AdvisoryLoader.load(format: .osv, path: path.path) }
        #expect(error?.description.contains("bad zip64 end record") == true)
    }

    /// Two entries inflating 160:1 beside a good one: each bomb stops at 100 × its compressed size
    /// (+1 MiB), the good record is imported.
    @Test func zipBombEntriesStopAtTheRatioLimit() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bomb = CraftedZip.deflatedZeros(16 << 20)
        let limit = AdvisoryLoader.inflationLimit(compressed: bomb.count)
        #expect(limit < 16 << 20)
        let zip = CraftedZip.archive([
            (name: "a.json", method: 8, data: bomb, uncompressedSize: 16),
            (name: "b.json", method: 0, data: Self.goodOSV, uncompressedSize: Self.goodOSV.count),
            (name: "c.json", method: 8, data: bomb, uncompressedSize: 16),
        ])
        let path = directory.appendingPathComponent("all.zip")
        try Data(zip).write(to: path)
        let loaded = try AdvisoryLoader.load(format: .osv, path: path.path)
        #expect(loaded.advisories.map(\.id) == ["GHSA-good"])
        #expect(loaded.warnings.map(\.message) == ["a.json", "c.json"].map {
            "Failed to read '\(path.path)!\($0)': it inflates to more than \(limit) bytes, the configured limit"
        })
    }

    /// Six bomb entries of 64 MiB: once the refused ones cost more than one document's worth (64 MiB of
    /// inflation), the rest of the archive is left unread, with a warning saying so.
    @Test func aZipOfBombsStopsOnceTheyCostADocumentsWorth() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bomb = CraftedZip.deflatedZeros(64 << 20)
        let limit = AdvisoryLoader.inflationLimit(compressed: bomb.count)
        let zip = CraftedZip.archive([(name: "0.json", method: 0, data: Self.goodOSV, uncompressedSize: Self.goodOSV.count)]
            + (1...6).map { (name: "\($0).json", method: 8, data: bomb, uncompressedSize: 64 << 20) })
        let path = directory.appendingPathComponent("all.zip")
        try Data(zip).write(to: path)
        let loaded = try AdvisoryLoader.load(format: .osv, path: path.path)
        #expect(loaded.advisories.map(\.id) == ["GHSA-good"])
        let read = AdvisoryLoader.maximumDocumentBytes / limit + 1
        #expect(loaded.warnings.count == read + 1)
        #expect(loaded.warnings.last?.message == "Failed to import advisory file '\(path.path)': \(6 - read) entries were not read: entries inflating past their limit already cost \(read * limit) bytes (a zip bomb)")
    }

    /// A small `.json.gz` that inflates past the limit stops there, not at the 2 GiB file limit.
    @Test func gzipBombStopsWhileInflating() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let deflate = CraftedZip.deflatedZeros(8 << 20)
        let gzip: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255] + deflate + [UInt8](repeating: 0, count: 8)
        let path = directory.appendingPathComponent("nvd.json.gz")
        try Data(gzip).write(to: path)
        let error = #expect(throws: ImportError.self) { try AdvisoryLoader.load(format: .nvd, path: path.path) }
        #expect(error?.description.contains("it inflates to more than \(AdvisoryLoader.inflationLimit(compressed: gzip.count)) bytes") == true)
    }

    /// A 1 GiB OSV or NVD document (sparse: no disk) is refused from its size, before it is read.
    @Test(arguments: [AdvisoryFormat.osv, .nvd])
    func gigabyteDocumentIsRefusedUnread(_ format: AdvisoryFormat) throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.json")
        _ = FileManager.default.createFile(atPath: path.path, contents: Data("{".utf8))
        let handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let error = #expect(throws: ImportError.self) { try AdvisoryLoader.load(format: format, path: path.path) }
        #expect(error?.description.contains("it is 1073741824 bytes, over the 67108864-byte limit for a document") == true)
    }

    @Test func inflationLimitNeverOverflows() {
        #expect(AdvisoryLoader.inflationLimit(compressed: .max) == AdvisoryLoader.maximumDocumentBytes)
        #expect(AdvisoryLoader.inflationLimit(compressed: 1000) == 100_000 + (1 << 20))
    }
}

/// NVD base scores outside 0…10 are left out at import (the renderers format scores with `Int(score * 10)`).
@Suite struct NVDScoreRangeTests {
    @Test func scoresOutsideZeroToTenAreLeftOut() throws {
        func document(_ score: String) -> Data {
            Data(#"{"vulnerabilities":[{"cve":{"id":"CVE-2024-0001","metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","baseScore":\#(score)}}]}}}]}"#.utf8)
        }
        #expect(try NVDDecoder.decode(document("9.8"), path: "nvd.json").map(\.score) == [9.8])
        for hostile in ["1e300", "-1", "10.5"] {
            #expect(try NVDDecoder.decode(document(hostile), path: "nvd.json").isEmpty, "baseScore \(hostile)")
        }
    }
}
