/// A base image as named by an annotation, a provenance attestation or the store's tags.
public struct BaseImageReference: Sendable, Hashable, Codable {
    /// The repository as configured (`library/alpine`) or as written in an annotation (`docker.io/library/alpine`).
    public var repository: String?
    public var tag: String?
    /// The manifest digest, when known.
    public var digest: String?

    public init(repository: String? = nil, tag: String? = nil, digest: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// `alpine:3.11`, `base@0123456789ab`, or the short digest.
    public var displayName: String {
        if let repository, let tag { return "\(repository):\(tag)" }
        if let repository, let digest { return "\(repository)@\(digest.shortDigest)" }
        if let repository { return repository }
        return digest?.shortDigest ?? "unknown"
    }
}

/// How a base image was found.
public enum BaseDetectionMethod: String, Sendable, Hashable, Codable {
    /// `org.opencontainers.image.base.name` / `.digest` annotations: exact.
    case annotation
    /// The materials of a SLSA provenance attestation: exact.
    case provenance
    /// The stored image whose layers are the longest prefix of this image's: a guess.
    case layers
}

/// One base image candidate with its vulnerability counts, where the store has them.
public struct BaseImageCandidate: Sendable, Hashable, Codable {
    public var reference: BaseImageReference
    /// Scout's counts (one per vulnerability per source package); nil when the image is not stored.
    public var counts: SeverityCounts?
    /// `counts - counts of the current base`; nil when either is unknown.
    public var delta: SeverityCounts?
    /// Layers this candidate shares with the image it is a base of (layer detection only).
    public var sharedLayers: Int?
    /// Layers the candidate has in all.
    public var layerCount: Int?
    /// `created` of the candidate's config (RFC 3339), when stored.
    public var created: String?
    public var size: Int64?
    public var packageCount: Int?
    /// The flavour of its tag (`slim`, `alpine`, "" for none).
    public var flavour: String?

    public init(
        reference: BaseImageReference, counts: SeverityCounts? = nil, delta: SeverityCounts? = nil,
        sharedLayers: Int? = nil, layerCount: Int? = nil, created: String? = nil, size: Int64? = nil,
        packageCount: Int? = nil, flavour: String? = nil
    ) {
        self.reference = reference
        self.counts = counts
        self.delta = delta
        self.sharedLayers = sharedLayers
        self.layerCount = layerCount
        self.created = created
        self.size = size
        self.packageCount = packageCount
        self.flavour = flavour
    }
}

/// What is known about an image's base: the detected base, its chain, and the advice on top.
public struct BaseImageSummary: Sendable, Hashable, Codable {
    /// The direct base image.
    public var base: BaseImageCandidate
    public var method: BaseDetectionMethod
    /// True when the base was guessed (layers), as Scout's "Base image was auto-detected" notice says.
    public var autoDetected: Bool
    /// False when no stored image is a proper layer prefix and the base only shares some layers (a near miss).
    public var exactLayerMatch: Bool
    /// Other images that matched as well (ties and near misses), best first.
    public var alternatives: [BaseImageCandidate]
    /// The hierarchy above the image, nearest first: base, the base's base, … (app → runtime → OS).
    public var chain: [BaseImageReference]
    /// The same repository and tag at a newer digest; nil when up to date or unknown.
    public var refreshed: BaseImageCandidate?
    /// True when the base's tag is known and still points at the base's digest.
    public var upToDate: Bool?
    /// Another tag of the base repository with the same flavour and a newer version.
    public var updated: BaseImageCandidate?

    public init(
        base: BaseImageCandidate, method: BaseDetectionMethod, autoDetected: Bool, exactLayerMatch: Bool = true,
        alternatives: [BaseImageCandidate] = [], chain: [BaseImageReference] = [],
        refreshed: BaseImageCandidate? = nil, upToDate: Bool? = nil, updated: BaseImageCandidate? = nil
    ) {
        self.base = base
        self.method = method
        self.autoDetected = autoDetected
        self.exactLayerMatch = exactLayerMatch
        self.alternatives = alternatives
        self.chain = chain
        self.refreshed = refreshed
        self.upToDate = upToDate
        self.updated = updated
    }
}
