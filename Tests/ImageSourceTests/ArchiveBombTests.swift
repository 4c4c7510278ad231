import Foundation
import ImageSource
import TestSupport
import Testing

/// The outer gzip of a `docker save` archive is held to the same bomb guard as layers (issue 18, point 7:
/// 33 MB of gzip inflated to 32 GiB while the archive was indexed and again while its layers were read).
@Suite struct ArchiveBombTests {
    /// A valid `docker save` tar (legacy layout) whose first entry is `padding` zero bytes.
    static func dockerSave(padding: Int) -> [UInt8] {
        var layer = TestTarWriter()
        layer.add("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
        let diffID = ContentDigest.sha256(layer.archive)
        let config = #"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["\#(diffID)"]}}"#
        var archive = TestTarWriter()
        archive.add("padding/zeros", content: [UInt8](repeating: 0, count: padding))
        archive.add("config.json", config)
        archive.add("layer1/layer.tar", content: layer.archive)
        archive.add("manifest.json", #"[{"Config":"config.json","RepoTags":["bomb:1"],"Layers":["layer1/layer.tar"]}]"#)
        return archive.archive
    }

    @Test func aGzipBombAroundTheArchiveStopsAtTheRatio() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let tar = Self.dockerSave(padding: 48 << 20)
        let gzip = try HostileLayerTests.gzip(tar)
        #expect(gzip.count < 100_000)  // about 1,000:1
        let path = try directory.write(gzip, to: "bomb.tar.gz")
        let strict = ReadLimits(maxInflateRatio: 100, ratioCheckAfter: 1 << 20)

        #expect {
            try ImageOpener.open(.archive(path), limits: strict)
        } throws: { error in
            String(describing: error).contains("the archive inflates more than 100 times its compressed size")
        }
        #expect {
            try ImageOpener.open(.archive(path), limits: ReadLimits(maxInflatedBytes: 8 << 20))
        } throws: { error in
            String(describing: error).contains("the archive inflates to more than 8388608 bytes")
        }

        // Under the default limits (ratio checked past 1 GiB) the same archive opens and its layer is read.
        let image = try ImageOpener.open(.archive(path))
        let read = try image.readLayers(wants: { $0 == "etc/os-release" }, limits: ReadLimits())
        #expect(read.warnings.isEmpty)
        #expect(read.layers.first?.files["etc/os-release"] != nil)

        // Reading the layers streams the archive again: the guard applies there too.
        let stopped = try image.readLayers(wants: { $0 == "etc/os-release" }, limits: strict)
        #expect(stopped.layers.first?.files.isEmpty == true)
        #expect(stopped.warnings.contains { $0.message.contains("the archive inflates more than 100 times") }, "\(stopped.warnings)")
    }
}
