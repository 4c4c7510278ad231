import Foundation
@testable import ImageSource
import TestSupport
import Testing

/// Nested indexes that list the next level K times (issue 18, point 8): each index is read once, and the
/// whole walk is bounded, where the old walk read K^depth indexes.
@Suite struct IndexFanOutTests {
    /// An OCI layout whose `index.json` lists an index `fanOut` times, which lists the next one `fanOut` times,
    /// `depth` levels down to one image manifest. Returns the layout and the manifest's digest.
    static func fanOutLayout(fanOut: Int, depth: Int) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let builder = OCILayoutBuilder(directory: directory)
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=alpine\n")
        let image = try builder.manifest(.init(layers: [tar.archive]))
        var descriptor = image.descriptor
        for _ in 0..<depth {
            let index = Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(descriptor)]}"#.utf8)
            let digest = try builder.blob(index)
            let one = #"{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"\#(digest)","size":\#(index.count)}"#
            descriptor = Array(repeating: one, count: fanOut).joined(separator: ",")
        }
        try builder.index([descriptor])
        return (directory, image.digest)
    }

    /// Reads blobs from the layout, counting the reads.
    final class CountingBlobs: @unchecked Sendable {
        let root: String
        var reads = 0
        init(root: String) { self.root = root }

        func read(_ digest: String) throws(ImageSourceError) -> [UInt8] {
            reads += 1
            let path = root + "/blobs/" + digest.replacingOccurrences(of: ":", with: "/")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ImageSourceError(.missing("blob '\(digest)'"), subject: digest, container: root)
            }
            return [UInt8](data)
        }
    }

    @Test func eachNestedIndexIsReadOnce() throws {
        // 4 listings per level, 6 levels: the old walk read 4 + 16 + … + 4,096 = 5,460 indexes.
        let (directory, manifestDigest) = try Self.fanOutLayout(fanOut: 4, depth: 6)
        defer { directory.cleanup() }
        let blobs = CountingBlobs(root: directory.path)
        let index = try JSONDocument.decode(ImageIndex.self, from: [UInt8](Data(contentsOf: directory.url.appendingPathComponent("index.json"))),
                                            subject: "index.json", container: directory.path)
        let resolved = try ManifestResolver(readBlob: blobs.read, container: directory.path).resolve(index: index, platform: nil)
        #expect(resolved.manifestDigest == manifestDigest)
        // Six nested indexes, the manifest and its config.
        #expect(blobs.reads == 8, "\(blobs.reads) blob reads")

        // Through the public path too: the image opens.
        let opened = try ImageOpener.open(.ociDirectory(directory.path))
        #expect(opened.metadata.manifestDigest == manifestDigest)
    }

    @Test func anIndexListingTooManyManifestsIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        let image = try builder.manifest(.init(layers: []))
        try builder.index(Array(repeating: image.descriptor, count: ManifestResolver.maxDescriptors + 1))
        #expect {
            try ImageOpener.open(.ociDirectory(directory.path))
        } throws: { error in
            String(describing: error).contains("more than 1024 manifests and indexes")
        }
    }
}
