import ScoutModel

/// An image in an OCI image layout directory: `oci-layout`, `index.json`, `blobs/<alg>/<hex>`.
struct OCILayoutImage: ImageHandle {
    let root: String
    let metadata: ImageMetadata

    /// Largest `index.json`, manifest or config read (whole, into memory): the registry client's limit
    /// for configs. A bigger one is refused before it is read.
    static let maximumDocumentBytes: Int64 = 16 << 20

    static func open(root: String, platform: Platform?) throws(ImageSourceError) -> OCILayoutImage {
        let indexPath = root + "/index.json"
        let indexBytes: [UInt8]
        do {
            indexBytes = try OpenFile.readAll(path: indexPath, limit: maximumDocumentBytes)
        } catch {
            if case .unsupported = error.reason { throw ImageSourceError(error.reason, subject: "index.json", container: root) }
            throw ImageSourceError(.missing("index.json"), subject: root)
        }
        let index = try JSONDocument.decode(ImageIndex.self, from: indexBytes, subject: "index.json", container: root)
        let resolver = ManifestResolver(readBlob: { (digest) throws(ImageSourceError) in
            try verifiedBlob(root: root, digest: digest)
        }, container: root)
        let resolved = try resolver.resolve(index: index, platform: platform)
        var metadata = try MetadataBuilder.metadata(
            manifestDigest: resolved.manifestDigest, configDigest: resolved.manifest.config.digest,
            config: resolved.config, layers: resolved.manifest.layers, annotations: resolved.annotations,
            repoTags: resolved.refNames, subject: resolved.manifestDigest, container: root)
        metadata.attestations = resolved.attestations
        return OCILayoutImage(root: root, metadata: metadata)
    }

    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits) throws -> LayerReadResult {
        try readLayers(wants: wants, limits: limits, cache: nil)
    }

    /// A blob listed twice is read once; distinct blobs are read in parallel, results kept in order.
    /// Layers the cache holds (by diffID) are not read at all; clean reads are added to it.
    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: (any LayerCache)?) throws -> LayerReadResult {
        func key(_ layer: LayerInfo) -> String { layer.digest + " " + layer.diffID }
        var unique: [LayerInfo] = []
        var slot: [String: Int] = [:]
        for layer in metadata.layers where slot[key(layer)] == nil {
            slot[key(layer)] = unique.count
            unique.append(layer)
        }
        let root = root, layers = unique
        let results = ParallelMap.map(count: layers.count) { index in
            let layer = layers[index]
            if let files = cache?.cachedFiles(diffID: layer.diffID) { return LayerReader.Result(files: files, warnings: []) }
            let result = LayerReader(layer: layer, container: root, verifyBlobDigest: true, limits: limits)
                .readReopenable({ try FileChunkSource(path: try Self.blobPath(root: root, digest: layer.digest)) }, wants: wants)
            if result.warnings.isEmpty { cache?.store(result.files) }
            return result
        }
        var result = LayerReadResult(layers: [], warnings: [])
        var reported = Set<Int>()
        for layer in metadata.layers {
            let index = slot[key(layer)]!
            result.layers.append(results[index].files)
            if reported.insert(index).inserted { result.warnings += results[index].warnings }
        }
        return result
    }

    /// `blobs/sha256/<hex>`, refusing anything that is not a plain sha256 digest.
    static func blobPath(root: String, digest: String) throws(ImageSourceError) -> String {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "sha256", parts[1].count == 64,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw ImageSourceError(.unsupported("digest '\(digest)'"), subject: digest, container: root)
        }
        return "\(root)/blobs/sha256/\(parts[1])"
    }

    /// A small blob (manifest, index, config), read whole and verified against its digest.
    static func verifiedBlob(root: String, digest: String) throws(ImageSourceError) -> [UInt8] {
        let path = try blobPath(root: root, digest: digest)
        let bytes: [UInt8]
        do {
            bytes = try OpenFile.readAll(path: path, limit: maximumDocumentBytes)
        } catch {
            if case .unsupported = error.reason { throw ImageSourceError(error.reason, subject: digest, container: root) }
            throw ImageSourceError(.missing("blob '\(digest)'"), subject: digest, container: root)
        }
        let actual = DigestHasher.digest(of: bytes)
        guard actual == digest else {
            throw ImageSourceError(.digestMismatch(expected: digest, actual: actual), subject: digest, container: root)
        }
        return bytes
    }
}
