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

    func fromLayers(_ image: ImageReport) -> Detection? {
        let layers = catalog.diffIDs[image.digest] ?? image.sbom.metadata.layers.map(\.diffID)
        guard !layers.isEmpty else { return nil }
        var prefixes: [(image: ImageReport, shared: Int)] = []
        var nearMisses: [(image: ImageReport, shared: Int)] = []
        for other in catalog.ordered where other.digest != image.digest {
            let otherLayers = catalog.diffIDs[other.digest] ?? []
            guard !otherLayers.isEmpty, otherLayers != layers else { continue }
            if BaseImageCatalog.isProperPrefix(otherLayers, of: layers) {
                prefixes.append((other, otherLayers.count))
            } else {
                let shared = BaseImageCatalog.commonPrefix(otherLayers, layers)
                // A child of this image shares all of its layers: not a base.
                if shared > 0, shared < layers.count, shared < otherLayers.count { nearMisses.append((other, shared)) }
            }
        }
        let ranked = rank(prefixes)
        if let best = ranked.first {
            let ties = ranked.dropFirst().filter { $0.shared == best.shared }
            // Near misses that share more layers than the chosen base are worth naming too.
            let near = rank(nearMisses.filter { $0.shared > best.shared })
            return Detection(
                reference: catalog.reference(for: best.image.digest), method: .layers, exactLayerMatch: true,
                sharedLayers: best.shared,
                alternatives: (ties + near).map { catalog.reference(for: $0.image.digest) })
        }
        let near = rank(nearMisses)
        guard let best = near.first else { return nil }
        return Detection(
            reference: catalog.reference(for: best.image.digest), method: .layers, exactLayerMatch: false,
            sharedLayers: best.shared,
            alternatives: near.dropFirst().map { catalog.reference(for: $0.image.digest) })
    }

    /// Most shared layers first; then tagged now, tagged once, newest, digest.
    private func rank(_ matches: [(image: ImageReport, shared: Int)]) -> [(image: ImageReport, shared: Int)] {
        matches.sorted { a, b in
            if a.shared != b.shared { return a.shared > b.shared }
            let ra = catalog.records(of: a.image.digest), rb = catalog.records(of: b.image.digest)
            let ca = ra.contains(where: \.isCurrent), cb = rb.contains(where: \.isCurrent)
            if ca != cb { return ca }
            if ra.isEmpty != rb.isEmpty { return !ra.isEmpty }
            let na = a.image.sbom.metadata.created ?? "", nb = b.image.sbom.metadata.created ?? ""
            if na != nb { return na > nb }
            return a.image.digest < b.image.digest
        }
    }
}
