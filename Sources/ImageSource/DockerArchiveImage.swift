import Foundation
import ScoutModel

/// An image in a `docker save` tarball (plain or gzip): legacy `<id>/layer.tar` layout or Docker 25's
/// OCI layout inside the tar, both described by `manifest.json`. A tar holding only an OCI layout works too.
struct DockerArchiveImage: ImageHandle {
    /// One layer's place in the archive.
    struct LayerEntry: Sendable, Hashable {
        /// Normalized entry path inside the archive.
        var path: String
        /// Content offset in the (uncompressed) archive stream.
        var offset: Int64
        /// Whether the layer's digest names its blob (OCI `blobs/sha256/…`), so it can be verified.
        var verifiable: Bool
    }

    let path: String
    let isCompressed: Bool
    let metadata: ImageMetadata
    let layerEntries: [LayerEntry]

    static func open(path: String, platform: Platform?, limits: ReadLimits = ReadLimits()) throws(ImageSourceError) -> DockerArchiveImage {
        let contents = try ArchiveContents.scan(path: path, limits: limits)
        let store = { (digest: String) throws(ImageSourceError) -> [UInt8] in try contents.verifiedBlob(digest) }
        guard let manifestBytes = contents.small["manifest.json"] else {
            guard let indexBytes = contents.small["index.json"] else {
                throw ImageSourceError(.missing("manifest.json"), subject: path)
            }
            return try openOCI(contents: contents, index: indexBytes, platform: platform, store: store)
        }
        let entries = try JSONDocument.decode([DockerArchiveEntry].self, from: manifestBytes, subject: "manifest.json", container: path)
        let entry = try choose(entries, contents: contents, platform: platform)
        let configBytes = try contents.file(entry.Config)
        let configDigest = try digest(ofConfig: entry.Config, bytes: configBytes, container: path)
        let config = try JSONDocument.decode(ImageConfig.self, from: configBytes, subject: entry.Config, container: path)
        let diffIDs = config.rootfs?.diff_ids ?? []
        var descriptors: [Descriptor] = []
        var layerEntries: [LayerEntry] = []
        for (index, layerPath) in entry.Layers.enumerated() {
            let normalized = TarEntry.normalize(layerPath)
            guard let location = contents.entries[normalized] else {
                throw ImageSourceError(.missing("layer '\(layerPath)'"), subject: "manifest.json", container: path)
            }
            if let blobDigest = blobDigest(normalized) {
                let source = entry.LayerSources?[blobDigest]
                descriptors.append(Descriptor(mediaType: source?.mediaType ?? MediaType.ociLayer, digest: blobDigest, size: location.size))
                layerEntries.append(LayerEntry(path: normalized, offset: location.offset, verifiable: true))
            } else {
                // Legacy `<id>/layer.tar` is the uncompressed tar: its digest is its diffID.
                let diffID = index < diffIDs.count ? diffIDs[index] : ""
                descriptors.append(Descriptor(mediaType: MediaType.dockerLayer, digest: diffID, size: location.size))
                layerEntries.append(LayerEntry(path: normalized, offset: location.offset, verifiable: false))
            }
        }
        let manifestDigest = try contents.ociManifestDigest(configDigest: configDigest)
            ?? synthesizedManifestDigest(configDigest: configDigest, configSize: configBytes.count, layers: descriptors, diffIDs: diffIDs)
        var metadata = try MetadataBuilder.metadata(
            manifestDigest: manifestDigest, configDigest: configDigest, config: config, layers: descriptors,
            annotations: [:], repoTags: entry.RepoTags ?? [], subject: entry.Config, container: path)
        // `docker save` keeps no attestation manifests: the image as given carries none.
        metadata.attestations = ImageAttestations()
        return DockerArchiveImage(path: path, isCompressed: contents.isCompressed, metadata: metadata, layerEntries: layerEntries)
    }

    /// A tar holding an OCI layout but no `manifest.json`.
    private static func openOCI(
        contents: ArchiveContents, index indexBytes: [UInt8], platform: Platform?,
        store: @escaping (String) throws(ImageSourceError) -> [UInt8]
    ) throws(ImageSourceError) -> DockerArchiveImage {
        let path = contents.path
        let index = try JSONDocument.decode(ImageIndex.self, from: indexBytes, subject: "index.json", container: path)
        let resolved = try ManifestResolver(readBlob: store, container: path).resolve(index: index, platform: platform)
        var layerEntries: [LayerEntry] = []
        for layer in resolved.manifest.layers {
            let blobPath = "blobs/" + layer.digest.replacingOccurrences(of: ":", with: "/")
            guard let location = contents.entries[blobPath] else {
                throw ImageSourceError(.missing("layer blob '\(layer.digest)'"), subject: resolved.manifestDigest, container: path)
            }
            layerEntries.append(LayerEntry(path: blobPath, offset: location.offset, verifiable: true))
        }
        var metadata = try MetadataBuilder.metadata(
            manifestDigest: resolved.manifestDigest, configDigest: resolved.manifest.config.digest,
            config: resolved.config, layers: resolved.manifest.layers, annotations: resolved.annotations,
            repoTags: resolved.refNames, subject: resolved.manifestDigest, container: path)
        metadata.attestations = resolved.attestations
        return DockerArchiveImage(path: path, isCompressed: contents.isCompressed, metadata: metadata, layerEntries: layerEntries)
    }

    /// The entry for the requested platform, else the linux/amd64 one, else the first.
    private static func choose(_ entries: [DockerArchiveEntry], contents: ArchiveContents, platform: Platform?) throws(ImageSourceError) -> DockerArchiveEntry {
        guard let first = entries.first else {
            throw ImageSourceError(.missing("an image entry"), subject: "manifest.json", container: contents.path)
        }
        guard entries.count > 1 || platform != nil else { return first }
        let target = platform ?? Platform(os: "linux", architecture: "amd64")
        for entry in entries {
            let config = try JSONDocument.decode(ImageConfig.self, from: contents.file(entry.Config), subject: entry.Config, container: contents.path)
            if let found = config.platform, ManifestResolver.matches(found, target) { return entry }
        }
        if platform == nil { return first }
        throw ImageSourceError(.platformNotFound("no image for \(target)"), subject: "manifest.json", container: contents.path)
    }

    /// `sha256:<hex>` for `blobs/sha256/<hex>`, nil for other paths.
    static func blobDigest(_ path: String) -> String? {
        guard path.hasPrefix("blobs/sha256/") else { return nil }
        let hex = path.dropFirst("blobs/sha256/".count)
        return hex.count == 64 ? "sha256:\(hex)" : nil
    }

    /// The config's digest, checked against its file name when the name is a digest.
    private static func digest(ofConfig name: String, bytes: [UInt8], container: String) throws(ImageSourceError) -> String {
        let actual = DigestHasher.digest(of: bytes)
        let normalized = TarEntry.normalize(name)
        let hex = blobDigest(normalized).map { String($0.dropFirst(7)) }
            ?? (normalized.hasSuffix(".json") ? String(normalized.dropLast(5)) : nil)
        if let hex, hex.count == 64, "sha256:\(hex)" != actual {
            throw ImageSourceError(.digestMismatch(expected: "sha256:\(hex)", actual: actual), subject: name, container: container)
        }
        return actual
    }

    /// A docker archive carries no registry manifest, yet every analysis is keyed by a manifest digest.
    /// So that the same archive always gets the same key, build the OCI manifest that `skopeo copy
    /// docker-archive: oci:` would write for uncompressed layers — schemaVersion 2, OCI manifest media
    /// type, the config descriptor (OCI config media type, digest, size) and one descriptor per layer
    /// whose digest is the layer's diffID and whose size is the stored layer size — serialized as compact
    /// JSON with the keys in that fixed order, and take its sha256.
    static func synthesizedManifestDigest(configDigest: String, configSize: Int, layers: [Descriptor], diffIDs: [String]) -> String {
        var json = #"{"schemaVersion":2,"mediaType":"\#(MediaType.ociManifest)","#
        json += #""config":{"mediaType":"\#(MediaType.ociConfig)","digest":"\#(configDigest)","size":\#(configSize)},"layers":["#
        json += zip(layers, diffIDs).map { layer, diffID in
            #"{"mediaType":"\#(MediaType.ociLayer)","digest":"\#(diffID)","size":\#(layer.size ?? 0)}"#
        }.joined(separator: ",")
        json += "]}"
        return DigestHasher.digest(of: Array(json.utf8))
    }
}
