import Foundation
import ImageSource

/// Writes OCI image layouts with uncompressed layers into a temporary directory.
struct OCILayoutBuilder {
    struct Image {
        var layers: [[UInt8]]
        var architecture = "amd64"
        /// Replaces the computed diffIDs (to test mismatch detection).
        var diffIDs: [String]?
        var created = "2024-01-02T03:04:05Z"
        /// `created_by` of each layer's history entry (default `layer N`), written as JSON strings.
        var history: [String]? = nil
    }

    let directory: TemporaryDirectory

    /// Writes one blob; returns its digest.
    @discardableResult
    func blob(_ bytes: [UInt8]) throws -> String {
        let digest = ContentDigest.sha256(bytes)
        _ = try directory.write(bytes, to: "blobs/sha256/" + digest.dropFirst(7))
        return digest
    }

    /// Writes an image's layers, config and manifest; returns the manifest descriptor JSON.
    func manifest(_ image: Image) throws -> (digest: String, descriptor: String) {
        var layerDescriptors: [String] = []
        for layer in image.layers {
            let digest = try blob(layer)
            layerDescriptors.append(#"{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\#(digest)","size":\#(layer.count)}"#)
        }
        let diffIDs = image.diffIDs ?? image.layers.map(ContentDigest.sha256)
        let history = image.history.map { $0.map { #"{"created_by":\#(Self.jsonString($0))}"# } }
            ?? image.layers.indices.map { #"{"created_by":"layer \#($0)"}"# }
        let config = Array(#"""
        {"architecture":"\#(image.architecture)","os":"linux","created":"\#(image.created)","config":{"User":"app"},"rootfs":{"type":"layers","diff_ids":[\#(diffIDs.map { "\"\($0)\"" }.joined(separator: ","))]},"history":[\#(history.joined(separator: ","))]}
        """#.utf8)
        let configDigest = try blob(config)
        let manifest = Array(#"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(configDigest)","size":\#(config.count)},"layers":[\#(layerDescriptors.joined(separator: ","))],"annotations":{"org.example":"yes"}}
        """#.utf8)
        let digest = try blob(manifest)
        let descriptor = #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(digest)","size":\#(manifest.count),"platform":{"os":"linux","architecture":"\#(image.architecture)"},"annotations":{"org.opencontainers.image.ref.name":"\#(image.architecture)-tag"}}"#
        return (digest, descriptor)
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }

    /// Writes `oci-layout` and an `index.json` listing `descriptors`.
    func index(_ descriptors: [String]) throws {
        _ = try directory.write(Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8), to: "oci-layout")
        _ = try directory.write(Array(#"{"schemaVersion":2,"manifests":[\#(descriptors.joined(separator: ","))]}"#.utf8), to: "index.json")
    }
}
