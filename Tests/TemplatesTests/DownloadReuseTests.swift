import Foundation
import ScoutModel
import Testing
@testable import Templates

/// An image's SARIF, CycloneDX and SPDX files are hard-linked from the published site when what they
/// are rendered from did not change, and rendered when anything did: the bytes are always a fresh
/// render's (SPDX's creation time aside).
@Suite struct DownloadReuseTests {
    static let suffixes = SiteDownloads.formats.map(\.suffix)

    static func downloads(_ site: TemporaryDirectory) -> [String] {
        site.files().filter { path in suffixes.contains { path.hasSuffix($0) } }
    }

    static func inode(_ path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    static func short(_ image: ImageReport) -> String { String(image.digest.dropFirst("sha256:".count).prefix(12)) }

    @Test func unchangedImagesAreLinkedAndChangedOnesRendered() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory(), third = try TemporaryDirectory()
        let fresh = try TemporaryDirectory()
        defer { [first, second, third, fresh].forEach { $0.cleanUp() } }
        let renderer = try SiteRenderer()
        let snapshot = try FixtureSnapshot.make()
        try renderer.render(snapshot, into: first.url)
        let manifest = try first.read(DownloadReuse.manifestName)
        #expect(manifest.split(separator: "\n").count == snapshot.images.count)

        // The next night: nothing changed but the time. Every download is the published file.
        var later = snapshot
        later.generatedAt = "2026-02-01T00:00:00Z"
        try renderer.render(later, into: second.url, reusingDownloadsFrom: first.url)
        let paths = Self.downloads(first)
        #expect(paths.count == snapshot.images.count * Self.suffixes.count)
        #expect(Self.downloads(second) == paths)
        for path in paths {
            #expect(Self.inode(first.url.path + "/" + path) == Self.inode(second.url.path + "/" + path), "\(path)")
        }

        // One finding of one image gets a fix: that image's files are rendered, the others still linked.
        var changed = later
        let target = try #require(changed.images.firstIndex { !$0.findings.isEmpty })
        changed.images[target].findings[0].fixedVersions = ["99.0.0"]
        try renderer.render(changed, into: third.url, reusingDownloadsFrom: second.url)
        try renderer.render(changed, into: fresh.url)
        let stem = Self.short(changed.images[target])
        for path in paths {
            let linked = Self.inode(second.url.path + "/" + path) == Self.inode(third.url.path + "/" + path)
            #expect(linked == !path.contains(stem), "\(path)")
            if path.contains(stem) {
                #expect(try third.read(path) == (try fresh.read(path)), "\(path)")
                if path.hasSuffix(".sarif.json") { #expect(try third.read(path).contains("99.0.0")) }
            }
        }
        #expect(try third.read(DownloadReuse.manifestName) == (try fresh.read(DownloadReuse.manifestName)))
        #expect(try third.read(DownloadReuse.manifestName) != manifest)
    }

    @Test func aMissingFileOrAnIncompleteImageIsRenderedAgain() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        defer { [first, second].forEach { $0.cleanUp() } }
        let renderer = try SiteRenderer()
        var snapshot = try FixtureSnapshot.make()
        try renderer.render(snapshot, into: first.url)
        // Someone deleted one file of the first image from the published site.
        let missing = Self.short(snapshot.images[0])
        let removed = try #require(Self.downloads(first).first { $0.contains(missing) && $0.hasSuffix(".cdx.json") })
        try FileManager.default.removeItem(atPath: first.url.path + "/" + removed)
        // The second image was read incomplete: its downloads must say so, never be the old ones.
        snapshot.images[1].sbom.warnings.append(ScanWarning(subject: "layer", message: "cut short", incomplete: true))
        try renderer.render(snapshot, into: second.url, reusingDownloadsFrom: first.url)
        let incomplete = Self.short(snapshot.images[1])
        for path in Self.downloads(second) {
            let linked = Self.inode(first.url.path + "/" + path) == Self.inode(second.url.path + "/" + path)
            // The first image's downloads are rendered again, and then the two still published are
            // linked after all (`FileReuse`: the same bytes); the missing one is written.
            #expect(linked == !(path == removed || path.contains(incomplete)), "\(path)")
        }
        #expect(second.exists(removed))
        #expect(!(try second.read(DownloadReuse.manifestName)).contains(incomplete))
    }

    /// The fingerprint cannot see a change to the renderers themselves: any change to what the
    /// downloads of the fixture fleet look like must come with a new `DownloadReuse.revision`.
    @Test func theDownloadsOfThisRevisionAreTheRecordedOnes() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(FixtureSnapshot.make(), into: site.url)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in Self.downloads(site) {
            for byte in Array(path.utf8) + Array(try site.read(path).utf8) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        let recorded: [Int: String] = [1: "4dd457f30be434e"]
        #expect(recorded[DownloadReuse.revision] == String(hash, radix: 16),
                "the downloads changed: bump DownloadReuse.revision and record \(String(hash, radix: 16)) for it here")
    }
}
