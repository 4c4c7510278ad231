import Catalogers
import Foundation
import ImageSource
import ScoutModel
import Testing

/// `fs://DIR`: a root filesystem read as one pseudo-layer with a content-derived digest.
@Suite struct FilesystemImageTests {
    /// A temporary copy of a rootfs fixture, so tests can change it.
    func copy(_ fixture: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scout-fs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixtures.path("rootfs/\(fixture)")), to: folder)
        return folder
    }

    @Test func parsesTheReference() throws {
        #expect(try ImageReference(parsing: "fs:///srv/rootfs") == .filesystem("/srv/rootfs"))
        #expect(ImageReference.filesystem("x").description == "fs://x")
        #expect(throws: ImageSourceError.self) { try ImageReference(parsing: "fs://") }
    }

    @Test func catalogsADebianRootfs() throws {
        let root = try copy("scalibr-dpkg-bookworm")
        defer { try? FileManager.default.removeItem(at: root) }
        let image = try ImageOpener.open(.filesystem(root.path), wants: Cataloging.wants)
        #expect(image.metadata.layers.count == 1)
        #expect(image.metadata.layers[0].diffID == image.metadata.manifestDigest)
        let read = try image.readLayers(wants: Cataloging.wants)
        #expect(Set(read.layers[0].files.keys) == ["etc/os-release", "var/lib/dpkg/status"])
        let catalog = Cataloging.catalog(layers: read.layers)
        #expect(catalog.os?.id == "debian")
        #expect(!catalog.packages.isEmpty)
        #expect(catalog.packages.allSatisfy { $0.layerDiffID == image.metadata.manifestDigest })
    }

    @Test func digestIsTheDocumentedListingHash() throws {
        let root = try copy("syft-apk-single")
        defer { try? FileManager.default.removeItem(at: root) }
        let image = try FilesystemImage.open(root: root.path, wants: Cataloging.wants)
        let content = [UInt8](try Data(contentsOf: root.appendingPathComponent("lib/apk/db/installed")))
        let hex = ContentDigest.sha256(content).dropFirst("sha256:".count)
        let listing = Array("lib/apk/db/installed".utf8) + [0] + Array(String(content.count).utf8) + [0] + Array(hex.utf8) + [0x0A]
        #expect(image.metadata.manifestDigest == ContentDigest.sha256(listing))

        // Unwanted files and symbolic links do not change it; a changed database does.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("usr/share/doc"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("usr/share/doc/README"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("lib/apk/db/link").path, withDestinationPath: "installed")
        #expect(try FilesystemImage.open(root: root.path, wants: Cataloging.wants).metadata.manifestDigest == image.metadata.manifestDigest)
        try Data((content + Array("\n".utf8))).write(to: root.appendingPathComponent("lib/apk/db/installed"))
        #expect(try FilesystemImage.open(root: root.path, wants: Cataloging.wants).metadata.manifestDigest != image.metadata.manifestDigest)
    }

    @Test func missingDirectoryFails() {
        let error = #expect(throws: ImageSourceError.self) { try FilesystemImage.open(root: "/nonexistent/rootfs", wants: { _ in true }) }
        #expect(error?.description.contains("/nonexistent/rootfs") == true)
    }
}
