/// One layer of an image, oldest first.
public struct LayerInfo: Sendable, Hashable, Codable {
    /// Position in the image, 0 = oldest.
    public var index: Int
    /// The blob digest as stored (compressed), `sha256:…`.
    public var digest: String
    /// The digest of the uncompressed tar, `sha256:…` (what the config's rootfs lists).
    public var diffID: String
    /// Size of the blob in bytes as stored.
    public var size: Int64
    public var mediaType: String?
    /// The history entry that produced it (`created_by`), when the config has one.
    public var createdBy: String?

    public init(index: Int, digest: String, diffID: String, size: Int64, mediaType: String? = nil, createdBy: String? = nil) {
        self.index = index
        self.digest = digest
        self.diffID = diffID
        self.size = size
        self.mediaType = mediaType
        self.createdBy = createdBy
    }
}

/// Platform of an image: `linux/amd64`, `linux/arm/v7`.
public struct Platform: Sendable, Hashable, Codable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Parses `os/arch[/variant]`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/").map(String.init)
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    public var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }
}

/// What an image's manifest and config say about it.
public struct ImageMetadata: Sendable, Hashable, Codable {
    /// The manifest digest: the key of every analysis.
    public var manifestDigest: String
    public var configDigest: String?
    public var platform: Platform?
    /// `created` from the config, RFC 3339 as written.
    public var created: String?
    /// `config.User` from the image config ("" or nil means root).
    public var user: String?
    /// Sum of the layer blob sizes.
    public var size: Int64
    public var layers: [LayerInfo]
    /// Manifest (and index) annotations.
    public var annotations: [String: String]
    /// Tags recorded inside the archive (`RepoTags` of docker save, `org.opencontainers.image.ref.name`).
    public var repoTags: [String]
    /// The attestations the index attached to this image; nil when unknown (stored before they were read).
    public var attestations: ImageAttestations?

    public init(
        manifestDigest: String, configDigest: String? = nil, platform: Platform? = nil,
        created: String? = nil, user: String? = nil, size: Int64 = 0, layers: [LayerInfo] = [],
        annotations: [String: String] = [:], repoTags: [String] = [], attestations: ImageAttestations? = nil
    ) {
        self.manifestDigest = manifestDigest
        self.configDigest = configDigest
        self.platform = platform
        self.created = created
        self.user = user
        self.size = size
        self.layers = layers
        self.annotations = annotations
        self.repoTags = repoTags
        self.attestations = attestations
    }
}

/// The files of interest that one layer adds or removes, as read from its tar stream.
public struct LayerFiles: Sendable, Hashable {
    public var diffID: String
    /// Regular files whose path a cataloger wants: path (no leading slash, `./` removed) → content.
    public var files: [String: [UInt8]]
    /// Paths deleted by `.wh.<name>` entries in this layer (the path of the deleted entry).
    public var whiteouts: Set<String>
    /// Directories made opaque by `.wh..wh..opq` in this layer (their lower-layer content is hidden).
    public var opaqueDirectories: Set<String>

    public init(diffID: String, files: [String: [UInt8]] = [:], whiteouts: Set<String> = [], opaqueDirectories: Set<String> = []) {
        self.diffID = diffID
        self.files = files
        self.whiteouts = whiteouts
        self.opaqueDirectories = opaqueDirectories
    }
}

/// The complete analysis of one image: kept for ever, re-matched on every run.
public struct ImageSBOM: Sendable, Hashable, Codable {
    public var metadata: ImageMetadata
    public var os: OSRelease?
    public var packages: [Package]
    public var warnings: [ScanWarning]

    public init(metadata: ImageMetadata, os: OSRelease?, packages: [Package], warnings: [ScanWarning]) {
        self.metadata = metadata
        self.os = os
        self.packages = packages
        self.warnings = warnings
    }
}
