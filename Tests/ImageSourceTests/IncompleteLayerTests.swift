import TestSupport
import Foundation
import ImageSource
import ScoutModel
import Testing

/// Issue 18.1: every way a layer can fail to be read marks the read incomplete (`ScanWarning.incomplete`),
/// so no report of that image can say "no vulnerable package" as if the image were clean.
@Suite struct IncompleteLayerTests {
    static let installed = "C:Q1\nP:musl\nV:1.1.22-r3\nA:x86_64\no:musl\n\n"

    /// A layer with an apk database and some noise (so its gzip is large enough to cut in half).
    static func apkLayer() -> [UInt8] {
        var tar = TestTarWriter()
        tar.add("lib/apk/db/installed", installed)
        var noise = SystemRandomNumberGenerator()
        tar.add("usr/lib/noise.bin", content: (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &noise) })
        return tar.archive
    }

    static func expectIncomplete(_ read: LayerReadResult, _ what: Comment) {
        #expect(!read.warnings.isEmpty, what)
        let allIncomplete = read.warnings.allSatisfy(\.incomplete)
        #expect(allIncomplete, "\(what): \(read.warnings)")
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:0"), os: nil, packages: [], warnings: read.warnings)
        #expect(sbom.isIncomplete, what)
    }

    @Test func aGzipLayerCutInHalfOnDiskIsIncomplete() throws {
        let tar = Self.apkLayer()
        let blob = try HostileLayerTests.gzip(tar)
        let directory = try HostileLayerTests.layout([(blob, tar)])
        defer { directory.cleanup() }
        // The manifest still names the whole blob: only the file on disk is damaged.
        let path = directory.path + "/blobs/sha256/" + ContentDigest.sha256(blob).dropFirst(7)
        try Data(blob.prefix(blob.count / 2)).write(to: URL(fileURLWithPath: path))
        let read = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: ReadLimits())
        #expect(read.layers[0].files.isEmpty)
        Self.expectIncomplete(read, "truncated gzip")
    }

    @Test func aConfigListingAnotherDiffIDIsIncomplete() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        let other = "sha256:" + String(repeating: "ab", count: 32)
        let image = try builder.manifest(.init(layers: [Self.apkLayer()], diffIDs: [other]))
        try builder.index([image.descriptor])
        let read = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: ReadLimits())
        #expect(read.layers[0].files.isEmpty, "a layer that does not hash to its diffID gives no files")
        Self.expectIncomplete(read, "diffID mismatch")
    }

    @Test func aLayerStoppedByTheBombGuardIsIncomplete() throws {
        var tar = TestTarWriter()
        tar.add("lib/apk/db/installed", Self.installed)
        tar.add("var/zeros", content: [UInt8](repeating: 0, count: 8 << 20))
        let directory = try HostileLayerTests.layout([(try HostileLayerTests.gzip(tar.archive), tar.archive)])
        defer { directory.cleanup() }
        let limits = ReadLimits(maxInflateRatio: 100, ratioCheckAfter: 1 << 20)
        let read = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: limits)
        Self.expectIncomplete(read, "bomb guard")
    }

    @Test func aTenMegabytePaxHeaderIsIncomplete() throws {
        var tar = TestTarWriter()
        let records = Array(repeating: UInt8(ascii: "a"), count: 10 << 20)
        var header = TestTarWriter.header(name: "PaxHeaders/x", size: records.count, typeFlag: UInt8(ascii: "x"))
        TestTarWriter.sealChecksum(&header)
        tar.addRaw(header: header, content: records)
        tar.add("lib/apk/db/installed", Self.installed)
        let directory = try HostileLayerTests.layout([(tar.archive, tar.archive)])
        defer { directory.cleanup() }
        let read = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: ReadLimits())
        Self.expectIncomplete(read, "10 MB pax header")
    }

    @Test func aPackageDatabaseOverTheFileLimitIsIncomplete() throws {
        var tar = TestTarWriter()
        tar.add("lib/apk/db/installed", Self.installed + String(repeating: "x", count: 4096))
        let directory = try HostileLayerTests.layout([(tar.archive, tar.archive)])
        defer { directory.cleanup() }
        let read = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: ReadLimits(maxFileSize: 1024))
        #expect(read.layers[0].files["lib/apk/db/installed"] == nil)
        Self.expectIncomplete(read, "package database over the limit")
    }

    @Test func aReadableLayerIsComplete() throws {
        let tar = Self.apkLayer()
        let directory = try HostileLayerTests.layout([(try HostileLayerTests.gzip(tar), tar)])
        defer { directory.cleanup() }
        let read = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: ReadLimits())
        #expect(read.warnings.isEmpty)
        #expect(read.layers[0].files["lib/apk/db/installed"] == Array(Self.installed.utf8))
    }
}
