import ScoutModel

/// Every stored image with its findings and every tag period: what base detection and advice read.
/// Look-ups by digest, by repository and tag, and by layers go through indexes built once here:
/// a catalog serves every image of a fleet, so nothing scans the whole history per call.
public struct BaseImageCatalog: Sendable {
    /// Images by manifest digest.
    public let images: [String: ImageReport]
    public let history: [TagRecord]
    let diffIDs: [String: [String]]
    /// Tag periods by digest, in history order.
    private let recordsByDigest: [String: [TagRecord]]
    /// Tag periods by repository (`ImageName.key`), in history order.
    private let recordsByRepository: [String: [TagRecord]]
    /// Every image's layers, ranked for ties as base detection ranks them.
    let layerIndex: LayerPrefixIndex

    /// `images` are every stored image (base-only repositories included) with their latest findings;
    /// `history` is the store's tag history.
    public init(images: [ImageReport], history: [TagRecord]) {
        var byDigest: [String: ImageReport] = [:]
        for image in images where byDigest[image.digest] == nil { byDigest[image.digest] = image }
        self.images = byDigest
        self.history = history
        let diffIDs = byDigest.mapValues { $0.sbom.metadata.layers.map(\.diffID) }
        self.diffIDs = diffIDs
        var recordsByDigest: [String: [TagRecord]] = [:]
        var recordsByRepository: [String: [TagRecord]] = [:]
        for record in history {
            recordsByDigest[record.digest, default: []].append(record)
            recordsByRepository[ImageName.key(record.repository), default: []].append(record)
        }
        self.recordsByDigest = recordsByDigest
        self.recordsByRepository = recordsByRepository
        // Tagged now first, then tagged once, newest, by digest (the order `rank` used to sort by).
        let ranked = byDigest.values.map { image -> (current: Bool, tagged: Bool, created: String, image: ImageReport) in
            let records = recordsByDigest[image.digest] ?? []
            return (records.contains(where: \.isCurrent), !records.isEmpty, image.sbom.metadata.created ?? "", image)
        }.sorted { a, b in
            if a.current != b.current { return a.current }
            if a.tagged != b.tagged { return a.tagged }
            if a.created != b.created { return a.created > b.created }
            return a.image.digest < b.image.digest
        }.map { $0.image }
        layerIndex = LayerPrefixIndex(ranked: ranked) { diffIDs[$0.digest] ?? [] }
    }

    /// The tag periods of `digest`.
    func records(of digest: String) -> [TagRecord] {
        recordsByDigest[digest] ?? []
    }

    /// The digest `repository:tag` points at now (repositories compared by `ImageName.key`).
    func currentDigest(repository: String, tag: String) -> TagRecord? {
        recordsByRepository[ImageName.key(repository)]?.first { $0.isCurrent && $0.tag == tag }
    }

    /// Every digest `repository:tag` has pointed at, newest first.
    func digests(repository: String, tag: String) -> [TagRecord] {
        (recordsByRepository[ImageName.key(repository)] ?? []).filter { $0.tag == tag }
            .sorted { ($0.isCurrent ? 1 : 0, $0.since) > ($1.isCurrent ? 1 : 0, $1.since) }
    }

    /// The tags currently in `repository`.
    func currentTags(repository: String) -> [TagRecord] {
        (recordsByRepository[ImageName.key(repository)] ?? []).filter(\.isCurrent)
    }

    /// The tag that best names `digest`: versioned tags before others, `latest` last, then the most
    /// recent period, then by name. Nil when no tag ever pointed at it.
    func bestTag(of digest: String) -> TagRecord? {
        records(of: digest).min { a, b in
            let ka = (TagVersion(a.tag).version == nil ? 1 : 0, a.tag == "latest" ? 1 : 0)
            let kb = (TagVersion(b.tag).version == nil ? 1 : 0, b.tag == "latest" ? 1 : 0)
            if ka != kb { return ka < kb }
            if a.since != b.since { return a.since > b.since }
            return (a.repository, a.tag) < (b.repository, b.tag)
        }
    }

    /// True when `prefix` is a proper prefix of `layers`.
    static func isProperPrefix(_ prefix: [String], of layers: [String]) -> Bool {
        !prefix.isEmpty && prefix.count < layers.count && Array(layers.prefix(prefix.count)) == prefix
    }

    /// The number of leading layers two lists share.
    static func commonPrefix(_ a: [String], _ b: [String]) -> Int {
        var count = 0
        while count < a.count, count < b.count, a[count] == b[count] { count += 1 }
        return count
    }

    /// A candidate card for a stored digest (counts, size, packages), named by `reference`.
    func candidate(_ reference: BaseImageReference, relativeTo base: SeverityCounts? = nil) -> BaseImageCandidate {
        var candidate = BaseImageCandidate(reference: reference, flavour: reference.tag.map { TagVersion($0).flavour })
        guard let digest = reference.digest, let image = images[digest] else { return candidate }
        let counts = image.findings.scoutCounts
        candidate.counts = counts
        candidate.created = image.sbom.metadata.created
        candidate.size = image.sbom.metadata.size
        candidate.packageCount = image.sbom.packages.count
        candidate.layerCount = image.sbom.metadata.layers.count
        if let base { candidate.delta = Self.difference(counts, base) }
        return candidate
    }

    /// `candidate - base` per band.
    static func difference(_ candidate: SeverityCounts, _ base: SeverityCounts) -> SeverityCounts {
        var delta = SeverityCounts()
        for severity in Severity.allCases { delta[severity] = candidate[severity] - base[severity] }
        return delta
    }

    /// A reference for a stored digest named by its best tag.
    func reference(for digest: String) -> BaseImageReference {
        let tag = bestTag(of: digest)
        return BaseImageReference(repository: tag?.repository ?? images[digest]?.repository, tag: tag?.tag, digest: digest)
    }
}
