import ScoutModel

/// Finds an image's base: exactly from annotations or provenance, else from shared layers.
public struct BaseImageDetector: Sendable {
    /// What detection found for one image.
    public struct Detection: Sendable, Hashable {
        public var reference: BaseImageReference
        public var method: BaseDetectionMethod
        /// False for a near miss: no stored image is a proper prefix, this one shares the most layers.
        public var exactLayerMatch: Bool
        /// Layers shared with the image (layer detection), else nil.
        public var sharedLayers: Int?
        /// Other candidates (ties, near misses, other provenance images), best first.
        public var alternatives: [BaseImageReference]

        public var autoDetected: Bool { method == .layers }
    }

    public static let baseNameAnnotation = "org.opencontainers.image.base.name"
    public static let baseDigestAnnotation = "org.opencontainers.image.base.digest"

    public let catalog: BaseImageCatalog

    public init(catalog: BaseImageCatalog) {
        self.catalog = catalog
    }

    /// The base of `image`: annotations win, then provenance, then layers. Nil when nothing matches.
    public func detect(_ image: ImageReport) -> Detection? {
        fromAnnotations(image) ?? fromProvenance(image) ?? fromLayers(image)
    }

    /// The chain above `image`, nearest first (app → runtime → OS), at most `limit` deep, cycles cut.
    public func chain(of image: ImageReport, limit: Int = 8) -> [BaseImageReference] {
        var chain: [BaseImageReference] = []
        var seen: Set<String> = [image.digest]
        var current = image
        while chain.count < limit, let detection = detect(current) {
            chain.append(detection.reference)
            guard let digest = detection.reference.digest, !seen.contains(digest),
                  let next = catalog.images[digest] else { break }
            seen.insert(digest)
            current = next
        }
        return chain
    }

    func fromAnnotations(_ image: ImageReport) -> Detection? {
        let annotations = image.sbom.metadata.annotations
        let name = annotations[Self.baseNameAnnotation].flatMap { $0.isEmpty ? nil : $0 }
        let digest = annotations[Self.baseDigestAnnotation].flatMap { $0.isEmpty ? nil : $0 }
        guard name != nil || digest != nil else { return nil }
        let parts = name.map(ImageName.parse)
        let reference = resolve(repository: parts?.repository, tag: parts?.tag, digest: digest ?? parts?.digest, for: image)
        return Detection(reference: reference, method: .annotation, exactLayerMatch: true, sharedLayers: nil, alternatives: [])
    }

    func fromProvenance(_ image: ImageReport) -> Detection? {
        let materials = (image.sbom.metadata.attestations?.provenanceImages ?? []).compactMap { material -> BaseImageReference? in
            guard let parts = ImageName.parsePurl(material.uri) else { return nil }
            return resolve(repository: parts.repository, tag: parts.tag, digest: material.digest ?? parts.digest, for: image)
        }
        guard !materials.isEmpty else { return nil }
        // Several images (multi-stage builds): the one whose layers start this image's is the base.
        let layers = catalog.diffIDs[image.digest] ?? []
        let confirmed = materials.firstIndex { reference in
            guard let digest = reference.digest, let prefix = catalog.diffIDs[digest] else { return false }
            return BaseImageCatalog.isProperPrefix(prefix, of: layers)
        }
        let chosen = confirmed ?? materials.count - 1
        var others = materials
        others.remove(at: chosen)
        return Detection(reference: materials[chosen], method: .provenance, exactLayerMatch: true, sharedLayers: nil, alternatives: others)
    }

    /// An exact name from an annotation or provenance, tied to a stored digest where possible: the
    /// named digest when stored, else the digest the tag pointed at whose layers start this image's.
    func resolve(repository: String?, tag: String?, digest: String?, for image: ImageReport) -> BaseImageReference {
        var reference = BaseImageReference(repository: repository, tag: tag, digest: digest)
        if let digest, catalog.images[digest] != nil {
            if reference.repository == nil { reference = catalog.reference(for: digest) }
            return reference
        }
        guard let repository, let tag else { return reference }
        let layers = catalog.diffIDs[image.digest] ?? []
        for record in catalog.digests(repository: repository, tag: tag) {
            if let prefix = catalog.diffIDs[record.digest], BaseImageCatalog.isProperPrefix(prefix, of: layers) {
                reference.digest = record.digest
                return reference
            }
        }
        return reference
    }

    /// How many near misses (images sharing some leading layers, neither a prefix of the other) are
    /// named at most: every image built on a shared layer is one, so a fleet would list them all.
    public static let nearMissLimit = 5

    func fromLayers(_ image: ImageReport) -> Detection? {
        let layers = catalog.diffIDs[image.digest] ?? image.sbom.metadata.layers.map(\.diffID)
        guard !layers.isEmpty else { return nil }
        let index = catalog.layerIndex
        let prefixes = index.longestProperPrefix(of: layers)
        if let best = prefixes.first {
            // Near misses that share more layers than the chosen base are worth naming too.
            let near = index.nearMisses(of: layers, sharingMoreThan: best.shared, limit: Self.nearMissLimit)
            return Detection(
                reference: catalog.reference(for: index.images[best.image].digest), method: .layers, exactLayerMatch: true,
                sharedLayers: best.shared,
                alternatives: (prefixes.dropFirst() + near).map { catalog.reference(for: index.images[$0.image].digest) })
        }
        let near = index.nearMisses(of: layers, sharingMoreThan: 0, limit: Self.nearMissLimit)
        guard let best = near.first else { return nil }
        return Detection(
            reference: catalog.reference(for: index.images[best.image].digest), method: .layers, exactLayerMatch: false,
            sharedLayers: best.shared,
            alternatives: near.dropFirst().map { catalog.reference(for: index.images[$0.image].digest) })
    }
}
