import Foundation
import ImageSource
import Pipeline
import Store
import Testing

/// The diffID layer cache also serves OCI layouts and archives.
@Suite struct LayerCacheTests {
    @Test func aSharedLayerIsReadOnceForOCILayoutsToo() throws {
        let images = try TestImages()
        defer { images.remove() }
        try images.derive(tag: "app-1", content: "cached\n")
        let base = try images.single(tag: "base"), app = try images.single(tag: "app-1")
        let job = try JobFolder()
        defer { job.remove() }
        let store = try job.store()
        let analyzer = ImageAnalyzer(store: store, platform: nil, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        let first = try analyzer.analyse("oci-dir://\(base.path)")
        #expect(first.sbom.packages.count == 14)
        #expect(try store.cachedLayerCount() == 1)

        // Break the shared base layer on disk: app-1 can now only be cataloged from the cache.
        let baseLayer = try #require(first.sbom.metadata.layers.first?.digest)
        let blob = images.layout.appendingPathComponent("blobs/sha256/\(baseLayer.dropFirst(7))")
        try Data("broken".utf8).write(to: blob)
        let second = try analyzer.analyse("oci-dir://\(app.path)")
        #expect(!second.cached)
        #expect(second.sbom.packages.count == 14, "the base layer's packages came from the cache")
        #expect(second.sbom.warnings.isEmpty, "\(second.sbom.warnings)")
        #expect(try store.cachedLayerCount() == 2)
        #expect(Set(second.sbom.packages.compactMap(\.layerDiffID)) == [first.sbom.metadata.layers[0].diffID])
    }
}
