import Foundation
import ImageSource
import Testing
import TestSupport

/// A nightly run with crafted images beside the example's good ones: the numbers that used to trap the
/// process (exit 132, nothing published, nothing recorded) are warnings on those images, and the run
/// finishes and publishes. Issue 18, point 3.
@Suite(.serialized) struct HostileImageRunTests {
    /// A tar whose first entry claims Int64.max − 600 bytes (base-256): skipping it overflowed the position.
    static func tarClaimingHugeEntry() -> [UInt8] {
        var header = TestTarWriter.header(name: "manifest.json", size: 0, typeFlag: 0x30)
        for index in 124..<136 { header[index] = 0 }
        header[124] = 0x80
        let size = Int64.max - 600
        for index in 0..<8 { header[135 - index] = UInt8(truncatingIfNeeded: size >> Int64(8 * index)) }
        TestTarWriter.sealChecksum(&header)
        var tar = TestTarWriter()
        tar.addRaw(header: header, content: [])
        return tar.archive
    }

    /// Writes an OCI layout at `folder` holding one image of one uncompressed layer, `layer`.
    static func writeLayout(_ folder: URL, layer: [UInt8]) throws {
        func blob(_ bytes: [UInt8]) throws -> String {
            let digest = ContentDigest.sha256(bytes)
            let url = folder.appendingPathComponent("blobs/sha256/" + digest.dropFirst(7))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            return digest
        }
        let layerDigest = try blob(layer)
        let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["\#(layerDigest)"]}}"#.utf8)
        let configDigest = try blob(config)
        let manifest = Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(configDigest)","size":\#(config.count)},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\#(layerDigest)","size":\#(layer.count)}]}"#.utf8)
        let manifestDigest = try blob(manifest)
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: folder.appendingPathComponent("oci-layout"))
        try Data(#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(manifestDigest)","size":\#(manifest.count)}]}"#.utf8)
            .write(to: folder.appendingPathComponent("index.json"))
    }

    /// Adds repository `example/crafted`: an image of crafted files, and a crafted archive.
    static func craftedConfig(_ example: ExampleCopy) throws -> String {
        let examples = example.folder.appendingPathComponent("examples")
        var layer = TestTarWriter()
        layer.add("etc/os-release", "ID=crafted\nVERSION_ID=1\n")
        layer.add("usr/local/bin/old-go", content: CraftedELF.preGo118(segmentOffset: UInt64(Int.max) - 4, pointer: 0x1000 + 17))
        layer.add("usr/local/bin/names", content: CraftedELF.sectionNamesAt(UInt64(Int.max) - 2, size: UInt64(Int.max)))
        layer.add("app/locator.jar", content: CraftedZip.locatorPointingAt(.max))
        layer.add("app/directory.jar", content: CraftedZip.directoryAt(UInt64(Int.max) - 20))
        try writeLayout(examples.appendingPathComponent("crafted-files"), layer: layer.archive)
        try Data(tarClaimingHugeEntry()).write(to: examples.appendingPathComponent("crafted.tar"))
        let text = try String(contentsOf: example.config, encoding: .utf8) + """
          - name: example/crafted
            enabled: true
            images:
              - tag: files
                ref: oci-dir://crafted-files
              - tag: archive
                ref: archive://crafted.tar

        """
        let url = examples.appendingPathComponent("crafted.yml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aRunWithCraftedImagesFinishesPublishesAndWarns() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let result = try Binary.run(["run", "--verbose", "--config", try Self.craftedConfig(example)])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("Analysed library/alpine:3.10"))
        #expect(result.stderr.contains("Analysed library/postgres:13.1"))
        #expect(result.stderr.contains("Analysed example/crafted:files"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("Skipped example/crafted:archive"), "stderr: \(result.stderr)")
        let pages = ExampleCopy.files(in: example.site).filter { $0.key.hasSuffix(".html") }
        let text = pages.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(pages["index.html"] != nil)
        for warning in ["the Go build info pointers lead outside the file", "bad zip64 end record", "bad central directory entry"] {
            #expect(text.contains(warning), "no page shows '\(warning)'")
        }
        let settings = String(decoding: pages["settings.html"] ?? Data(), as: UTF8.self)
        #expect(settings.contains("example/crafted:archive"), "the skipped image's warning is shown on the site")
    }

    @Test func dbImportOfACraftedOSVZipFailsCleanly() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let zip = example.folder.appendingPathComponent("osv-crafted.zip")
        try Data(CraftedZip.directoryAt(.max)).write(to: zip)
        let result = try Binary.run(["db", "import", "--format", "osv", zip.path, "--db", example.store.path])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("zip64 entry count or directory offset beyond 2^63"), "stderr: \(result.stderr)")
    }

    /// A 1 GiB `sbom://` document (sparse) is refused from its size, before it is read.
    @Test func aGigabyteSBOMDocumentIsRefusedUnread() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let document = example.folder.appendingPathComponent("huge.cdx.json")
        _ = FileManager.default.createFile(atPath: document.path, contents: Data("{".utf8))
        let handle = try FileHandle(forWritingTo: document)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let result = try Binary.run(["cves", "sbom://" + document.path, "--db", example.store.path])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("it is 1073741824 bytes or more, over the 134217728-byte limit"), "stderr: \(result.stderr)")
    }
}
