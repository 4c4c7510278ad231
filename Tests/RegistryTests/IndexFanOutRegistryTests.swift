import Foundation
import ImageSource
import Testing

/// Nested indexes in a registry that list the next level K times (issue 18, point 8): K=30 at depth 4 was
/// 27,930 manifest GETs for one tag. Each nested index is now fetched once.
@Suite(.serialized) struct IndexFanOutRegistryTests {
    @Test func eachNestedIndexIsFetchedOnce() throws {
        let images = try TestImages()
        defer { images.remove() }
        let registry = try TestRegistry(auth: .none)
        defer { registry.stop() }
        try registry.push(layout: images.layout, tag: "base", to: "fan:base")
        let raw = try TestProcess.run("/usr/bin/skopeo", ["inspect", "--raw", "--tls-verify=false", "docker://\(registry.address)/fan:base"])
        let mediaType = try #require((try JSONSerialization.jsonObject(with: raw) as? [String: Any])?["mediaType"] as? String)
        let manifestDigest = ContentDigest.sha256([UInt8](raw))

        // Three nested levels, each listing the one below 6 times, and the tag's index listing the top one 6 times:
        // the old walk fetched 6 + 36 + 216 indexes.
        let fanOut = 6
        var descriptor = #"{"mediaType":"\#(mediaType)","digest":"\#(manifestDigest)","size":\#(raw.count),"platform":{"os":"linux","architecture":"amd64"}}"#
        for level in 0..<4 {
            let index = Data(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(descriptor)]}"#.utf8)
            let digest = ContentDigest.sha256([UInt8](index))
            try put(index, to: level == 3 ? "fan" : digest, registry: registry, folder: images.folder)
            let one = #"{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"\#(digest)","size":\#(index.count)}"#
            descriptor = Array(repeating: one, count: fanOut).joined(separator: ",")
        }

        let proxy = try TestProxy(upstream: registry)
        defer { proxy.stop() }
        let client = RegistryClient(endpoint: try RegistryEndpoint(url: proxy.address),
                                    credentials: CredentialResolver(environment: [:], dockerConfigPath: nil))
        let image = try RegistryImage.open(client: client, repository: "fan", reference: "fan", platform: nil)
        #expect(image.metadata.manifestDigest == manifestDigest)
        let manifestGETs = try proxy.entries().filter { $0.method == "GET" && $0.path.contains("/manifests/") }
        // The tag, three nested indexes, the image manifest.
        #expect(manifestGETs.count == 5, "\(manifestGETs.count) manifest GETs")
    }

    /// `PUT /v2/fan/manifests/REFERENCE` with an OCI index.
    private func put(_ index: Data, to reference: String, registry: TestRegistry, folder: URL) throws {
        let file = folder.appendingPathComponent("index-\(UUID().uuidString).json")
        try index.write(to: file)
        try TestProcess.run("/usr/bin/curl", [
            "-sSf", "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.index.v1+json",
            "--data-binary", "@\(file.path)", "http://\(registry.address)/v2/fan/manifests/\(reference)",
        ])
    }
}
