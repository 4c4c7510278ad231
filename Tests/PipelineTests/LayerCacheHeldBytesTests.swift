import Foundation
import ImageSource
import ScoutModel
import Store
import TestSupport
import Testing
@testable import Pipeline

/// Issue 18.5 through the analyzer and the store: programs reach the layer cache as what their parsers
/// extracted, never as their bytes (20 programs of 64 MiB used to make a 1.34 GB store).
@Suite struct LayerCacheHeldBytesTests {
    /// Writes an OCI layout of one image with one uncompressed layer `tar`.
    static func layout(_ tar: [UInt8], in folder: URL) throws {
        func blob(_ bytes: [UInt8]) throws -> String {
            let digest = ContentDigest.sha256(bytes)
            let directory = folder.appendingPathComponent("blobs/sha256")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: directory.appendingPathComponent(String(digest.dropFirst(7))))
            return digest
        }
        let layer = try blob(tar)
        let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["\#(layer)"]}}"#.utf8)
        let manifest = Array(#"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(try blob(config))","size":\#(config.count)},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\#(layer)","size":\#(tar.count)}]}
            """#.utf8)
        let manifestDigest = try blob(manifest)
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: folder.appendingPathComponent("oci-layout"))
        try Data(#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(manifestDigest)","size":\#(manifest.count)}]}"#.utf8)
            .write(to: folder.appendingPathComponent("index.json"))
    }

    @Test func programsAreCachedAsSummariesNotBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("held-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 16 programs of 4 MiB: a 16 KiB ELF-looking block repeated, as in the issue (there 64 MiB each).
        var block = [UInt8](repeating: 0x41, count: 16 << 10)
        block.replaceSubrange(0..<8, with: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0])
        let program = Array(repeatElement(block, count: 256).joined())
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
        for index in 0..<16 { tar.add("usr/local/bin/tool-\(index)", content: program) }
        try Self.layout(tar.archive, in: folder)

        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        let analyzer = ImageAnalyzer(store: store, platform: nil, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        let outcome = try analyzer.analyse("oci-dir://" + folder.path)
        #expect(outcome.sbom.warnings.isEmpty, "\(outcome.sbom.warnings)")
        let diffID = ContentDigest.sha256(tar.archive)
        let cached = try #require(try store.cachedLayer(diffID: diffID, filterKey: StoreLayerCache.filterKey))
        #expect(cached.files.count == 17)
        let bytes = cached.files.values.reduce(0) { $0 + $1.count }
        #expect(bytes < 16 << 10, "the layer cache holds \(bytes) bytes")
        let size = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("store.sqlite") }.reduce(0) {
            $0 + ((try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($1).path)[.size] as? Int) ?? 0)
        }
        #expect(size < 4 << 20, "the store is \(size) bytes")
    }
}
