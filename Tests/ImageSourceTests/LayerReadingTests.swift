import TestSupport
import Foundation
import ImageSource
import ScoutModel
import Testing

@Suite struct LayerReadingTests {
    private static let apkPaths: Set<String> = ["lib/apk/db/installed", "etc/alpine-release", "etc/os-release"]

    @Test func readsApkDatabaseFromGzipArchive() throws {
        let image = try ImageOpener.open(.archive(Fixtures.path("images/alpine-310.tar.gz")))
        let result = try image.readLayers(wants: { Self.apkPaths.contains($0) })
        #expect(result.warnings.isEmpty)
        let layer = try #require(result.layers.first)
        #expect(result.layers.count == 1)
        #expect(layer.diffID == "sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028")
        #expect(Set(layer.files.keys) == Self.apkPaths)
        #expect(layer.files["etc/alpine-release"] == Array("3.10.4\n".utf8))
        let installed = String(decoding: try #require(layer.files["lib/apk/db/installed"]), as: UTF8.self)
        #expect(installed.hasPrefix("C:"))
        #expect(installed.contains("P:musl\nV:1.1.22-r3\n"))
        #expect(installed.components(separatedBy: "\nP:").count - 1 == 14)
    }

    @Test func readsGzipLayerOfOCILayoutAndVerifiesDigests() throws {
        let image = try ImageOpener.open(.ociDirectory(Fixtures.path("images/test.oci")))
        let result = try image.readLayers(wants: { $0 == "hello" })
        #expect(result.warnings.isEmpty)
        let hello = try #require(result.layers.first?.files["hello"])
        #expect(hello.starts(with: [0x7f, 0x45, 0x4c, 0x46]))  // ELF
    }

    @Test func readsUncompressedLayerOfDocker25Archive() throws {
        let image = try ImageOpener.open(.archive(Fixtures.path("images/hello-world-v25.tar")))
        let result = try image.readLayers(wants: { _ in true })
        #expect(result.warnings.isEmpty)
        #expect(result.layers.map { Array($0.files.keys) } == [["hello"]])
    }

    @Test func truncatedLayerGivesWarningNotCrash() throws {
        let directory = try copyOfTestOCI()
        defer { directory.cleanup() }
        let layerPath = directory.path + "/blobs/sha256/cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c"
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: layerPath)))
        try Data(bytes.prefix(1200)).write(to: URL(fileURLWithPath: layerPath))
        let result = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true })
        #expect(result.layers.count == 1)
        #expect(result.layers[0].files.isEmpty)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.subject == "sha256:cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c")
        #expect(warning.message.hasPrefix("Failed to read layer 'sha256:cdd16bd695ed…' of '"))
        #expect(warning.message.contains("unexpected end of compressed stream"))
    }

    @Test func corruptTarHeaderInLayerGivesWarning() throws {
        let (directory, path, layerOffset) = try docker25Copy()
        defer { directory.cleanup() }
        var bytes = try Fixtures.bytes("images/hello-world-v25.tar")
        bytes[layerOffset + 3] ^= 0x55  // inside the name of the layer tar's first header
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try ImageOpener.open(.archive(path)).readLayers(wants: { _ in true })
        #expect(result.layers.count == 1 && result.layers[0].files.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.message.contains("checksum mismatch at offset 0") == true)
    }

    @Test func diffIDMismatchIsDetected() throws {
        let (directory, path, layerOffset) = try docker25Copy()
        defer { directory.cleanup() }
        var bytes = try Fixtures.bytes("images/hello-world-v25.tar")
        bytes[layerOffset + 512 + 100] ^= 0x01  // inside the content of `hello`: the tar still reads
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try ImageOpener.open(.archive(path)).readLayers(wants: { _ in true })
        #expect(result.layers[0].files.isEmpty)
        let warning = try #require(result.warnings.first)
        #expect(warning.subject == "sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43")
        #expect(warning.message.contains("but the config lists diffID sha256:12660636fe55"))
    }

    @Test func wrongDiffIDInConfigIsDetectedForOCILayout() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=test\n")
        let wrong = "sha256:" + String(repeating: "0", count: 64)
        try builder.index([try builder.manifest(.init(layers: [tar.archive], diffIDs: [wrong])).descriptor])
        let result = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true })
        #expect(result.layers == [LayerFiles(diffID: wrong)])
        #expect(result.warnings.first?.message.contains("diffID \(wrong)") == true)
    }

    @Test func recordsWhiteoutsAndOpaqueDirectoriesPerLayer() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        var lower = TestTarWriter()
        lower.add("./etc/", kind: .directory)
        lower.add("./etc/os-release", "ID=debian\n")
        lower.add("./var/lib/dpkg/status.d/a", "Package: a\n")
        lower.add("./var/lib/dpkg/status.d/b", "Package: b\n")
        lower.add("/lib/apk/db/installed", "P:x\n")
        lower.add("usr/lib/os-release", kind: .hardLink, link: "./etc/os-release")
        lower.add("usr/bin/ignored", "not wanted\n")
        var upper = TestTarWriter()
        upper.add("etc/.wh.os-release", "")
        upper.add("var/lib/dpkg/status.d/.wh..wh..opq", "")
        upper.add("var/lib/dpkg/status.d/c", "Package: c\n")
        upper.add(".wh.top-level", "")
        let builder = OCILayoutBuilder(directory: directory)
        let image = try builder.manifest(.init(layers: [lower.archive, upper.archive]))
        try builder.index([image.descriptor])
        let result = try ImageOpener.open(.ociDirectory(directory.path))
            .readLayers(wants: { !$0.hasPrefix("usr/bin/") })
        #expect(result.warnings.isEmpty)
        #expect(result.layers.count == 2)
        #expect(Set(result.layers[0].files.keys) == [
            "etc/os-release", "var/lib/dpkg/status.d/a", "var/lib/dpkg/status.d/b", "lib/apk/db/installed", "usr/lib/os-release",
        ])
        #expect(result.layers[0].files["usr/lib/os-release"] == Array("ID=debian\n".utf8))
        #expect(result.layers[0].whiteouts.isEmpty)
        #expect(result.layers[1].files == ["var/lib/dpkg/status.d/c": Array("Package: c\n".utf8)])
        #expect(result.layers[1].whiteouts == ["etc/os-release", "top-level"])
        #expect(result.layers[1].opaqueDirectories == ["var/lib/dpkg/status.d"])
    }

    @Test func enforcesLimits() throws {
        let image = try ImageOpener.open(.archive(Fixtures.path("images/alpine-310.tar.gz")))
        let small = try image.readLayers(wants: { Self.apkPaths.contains($0) }, limits: ReadLimits(maxFileSize: 100))
        #expect(Set(small.layers[0].files.keys) == ["etc/alpine-release"])
        #expect(small.warnings.map(\.subject).sorted() == ["etc/os-release", "lib/apk/db/installed"])
        #expect(small.warnings.allSatisfy { $0.message.contains("over the 100-byte limit") })

        let entry = try image.readLayers(wants: { _ in true }, limits: ReadLimits(maxEntrySize: 1000))
        #expect(entry.layers[0].files.isEmpty)
        #expect(entry.warnings.first?.message.contains("over the allowed maximum") == true)

        let oci = try ImageOpener.open(.ociDirectory(Fixtures.path("images/test.oci")))
        let bomb = try oci.readLayers(wants: { _ in true }, limits: ReadLimits(maxInflatedBytes: 2048))
        #expect(bomb.layers[0].files.isEmpty)
        #expect(bomb.warnings.first?.message.contains("inflates to more than 2048 bytes") == true)
    }

    // MARK: helpers

    private func copyOfTestOCI() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.removeItem(at: directory.url)
        try FileManager.default.copyItem(atPath: Fixtures.path("images/test.oci"), toPath: directory.path)
        let blobs = directory.path + "/blobs/sha256"
        for name in try FileManager.default.contentsOfDirectory(atPath: blobs) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: blobs + "/" + name)
        }
        return directory
    }

    /// A temp dir, the path to write a modified hello-world-v25.tar to, and its layer's content offset.
    private func docker25Copy() throws -> (TemporaryDirectory, String, Int) {
        let directory = try TemporaryDirectory()
        var reader = TarReader(source: try FileChunkSource(path: Fixtures.path("images/hello-world-v25.tar")))
        var offset: Int64?
        while let entry = try reader.next() {
            if entry.path.hasSuffix("12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43") {
                offset = entry.dataOffset
            }
        }
        return (directory, directory.path + "/hello.tar", Int(try #require(offset)))
    }
}
