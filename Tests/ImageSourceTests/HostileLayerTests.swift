import TestSupport
import Foundation
import ImageSource
import Testing

/// Layers built to hurt: decompression bombs, path traversal, many layers read at once.
@Suite struct HostileLayerTests {
    /// `bytes` compressed by the system's gzip (the tests need a real deflate encoder; zlib has no CLI).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let input = try directory.write(bytes, to: "in")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -9 -n -c '\(input)' > '\(input).gz'"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: input + ".gz")))
    }

    /// An OCI layout holding one image whose layers are `layers` (gzip or plain), with the right diffIDs.
    static func layout(_ layers: [(blob: [UInt8], tar: [UInt8])]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let builder = OCILayoutBuilder(directory: directory)
        let image = try builder.manifest(.init(layers: layers.map(\.blob), diffIDs: layers.map { ContentDigest.sha256($0.tar) }))
        try builder.index([image.descriptor])
        return directory
    }

    @Test func aGzipBombStopsAtTheRatioWithAWarning() throws {
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=alpine\n")
        tar.add("var/zeros", content: [UInt8](repeating: 0, count: 8 << 20))
        let blob = try Self.gzip(tar.archive)
        #expect(blob.count < 20_000)  // over 400:1
        let directory = try Self.layout([(blob, tar.archive)])
        defer { directory.cleanup() }
        let image = try ImageOpener.open(.ociDirectory(directory.path))

        for engine in InflateEngine.allCases {
            let strict = ReadLimits(maxInflateRatio: 100, ratioCheckAfter: 1 << 20, inflateEngine: engine)
            let bomb = try image.readLayers(wants: { _ in true }, limits: strict)
            #expect(bomb.layers[0].files.isEmpty)
            #expect(bomb.warnings.count == 1)
            #expect(bomb.warnings.first?.message.contains("inflates more than 100 times its compressed size") == true, "\(bomb.warnings)")

            // The same layer under the size limit alone, and with the ratio checked only past 1 GiB (the default).
            let sized = try image.readLayers(wants: { _ in true }, limits: ReadLimits(maxInflatedBytes: 4 << 20, inflateEngine: engine))
            #expect(sized.warnings.first?.message.contains("inflates to more than 4194304 bytes") == true)
            let normal = try image.readLayers(wants: { $0 == "etc/os-release" }, limits: ReadLimits(inflateEngine: engine))
            #expect(normal.warnings.isEmpty)
            #expect(normal.layers[0].files["etc/os-release"] == Array("ID=alpine\n".utf8))
        }
    }

    @Test func entryPathsAreNeverUsedToWrite() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("scout-escape-\(UUID().uuidString)")
        let relative = String(repeating: "../", count: 24) + String(target.path.dropFirst())
        var tar = TestTarWriter()
        tar.add(relative + "/dotdot", "written through ..\n")
        tar.add(target.path + "/absolute", "written through an absolute path\n")
        tar.add("etc/passwd-link", kind: .symlink, link: "/etc/passwd")
        tar.add("../../etc/x", "x\n")
        tar.add("etc/hard", kind: .hardLink, link: relative + "/dotdot")
        let blob = try Self.gzip(tar.archive)
        let directory = try Self.layout([(blob, tar.archive)])
        defer { directory.cleanup() }
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()

        let result = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true })
        #expect(result.warnings.isEmpty)
        // Contents are kept in memory under their names, nothing more.
        #expect(result.layers[0].files["../../etc/x"] == Array("x\n".utf8))
        #expect(result.layers[0].files["etc/hard"] == Array("written through ..\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/etc"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == before)
    }

    @Test func manyLayersReadInParallelKeepTheirOrder() throws {
        var layers: [(blob: [UInt8], tar: [UInt8])] = []
        for index in 0..<12 {
            var tar = TestTarWriter()
            tar.add("layer/\(index)", "content of layer \(index)\n")
            tar.add("var/filler", content: (0..<(200_000 + index)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) })
            layers.append((index % 3 == 0 ? tar.archive : try Self.gzip(tar.archive), tar.archive))
        }
        layers.append(layers[4])  // a blob listed twice is read once and appears twice
        let directory = try Self.layout(layers)
        defer { directory.cleanup() }
        let result = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { $0.hasPrefix("layer/") })
        #expect(result.warnings.isEmpty)
        #expect(result.layers.count == 13)
        for (index, files) in result.layers.enumerated() {
            let expected = index == 12 ? 4 : index
            #expect(files.files == ["layer/\(expected)": Array("content of layer \(expected)\n".utf8)])
            #expect(files.diffID == ContentDigest.sha256(layers[index].tar))
        }
    }
}
