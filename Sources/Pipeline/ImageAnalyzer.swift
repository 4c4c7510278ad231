import Catalogers
import ImageSource
import ScoutModel
import Store

/// Reads one image and catalogs it, or finds its SBOM already in the store.
public struct ImageAnalyzer: Sendable {
    /// The outcome for one reference.
    public struct Outcome: Sendable {
        public var sbom: ImageSBOM
        /// True when the digest was already stored and nothing was read but the manifest.
        public var cached: Bool
        /// The image name an SBOM document gives (`sbom://` only).
        public var documentName: String? = nil
        /// How many packages the image has (also when `sbom` holds the metadata only).
        public var packageCount: Int? = nil
    }

    public let store: ScoutStore
    public let platform: Platform?
    public let clock: Clock

    public init(store: ScoutStore, platform: Platform?, clock: Clock) {
        self.store = store
        self.platform = platform
        self.clock = clock
    }

    /// Opens `reference`; a digest already in the store is answered from it, else the layers are read,
    /// cataloged and the SBOM saved. `source` is what the store records as its origin (default: the reference).
    /// `sbom://FILE` (or `sbom://-`, stdin) is read as a CycloneDX or SPDX document and not stored.
    /// With `metadataOnlyWhenCached`, a stored digest is answered from its package count alone and the
    /// outcome's `sbom` holds the image metadata without packages (what a nightly run needs).
    public func analyse(_ reference: String, source: String? = nil, metadataOnlyWhenCached: Bool = false) throws -> Outcome {
        if reference.hasPrefix(Self.sbomScheme) { return try analyseDocument(reference) }
        let parsed = try ImageReference(parsing: reference)
        let handle = try ImageOpener.open(parsed, platform: platform, wants: Cataloging.wants)
        return try analyse(handle: handle, source: source ?? reference, metadataOnlyWhenCached: metadataOnlyWhenCached)
    }

    /// Analyses an opened image: answered from the store when its digest is there; else its layers
    /// are read (those already cataloged by diffID come from the layer cache) and the SBOM saved.
    public func analyse(handle: any ImageHandle, source: String, metadataOnlyWhenCached: Bool = false) throws -> Outcome {
        let digest = handle.metadata.manifestDigest
        if metadataOnlyWhenCached, let count = try store.storedPackageCount(digest: digest) {
            return Outcome(sbom: ImageSBOM(metadata: handle.metadata, os: nil, packages: [], warnings: []), cached: true, packageCount: count)
        }
        // An image stored incomplete (a layer could not be read) is read again: the file may be repaired.
        if let stored = try store.image(digest: digest), !stored.sbom.isIncomplete {
            return Outcome(sbom: stored.sbom, cached: true)
        }
        let reading = try read(handle: handle, cache: StoreLayerCache(store: store, clock: clock))
        try save(reading, source: source)
        return Outcome(sbom: reading.sbom, cached: false)
    }

    /// An image read and cataloged but not yet stored: what a worker thread hands to the one that
    /// writes results in a fixed order.
    public struct Reading: Sendable {
        public var sbom: ImageSBOM
        /// `*.vex.json` files found in the layers, by path.
        public var vex: [String: [UInt8]]
    }

    /// Reads the layers (those in `cache` by diffID are not read again) and catalogs them; stores nothing.
    public func read(handle: any ImageHandle, cache: any LayerCache) throws -> Reading {
        try Self.read(handle: handle, cache: cache)
    }

    /// `read` without a store (a queue worker has none).
    public static func read(handle: any ImageHandle, cache: any LayerCache) throws -> Reading {
        let read = try handle.readLayers(wants: { Cataloging.wants($0) || ImageVEXFiles.wants($0) }, limits: Self.limits(), cache: cache)
        let catalog = Cataloging.catalog(layers: read.layers)
        let sbom = ImageSBOM(
            metadata: handle.metadata, os: catalog.os,
            packages: catalog.packages, warnings: read.warnings + catalog.warnings)
        return Reading(sbom: sbom, vex: ImageVEXFiles.collect(read.layers))
    }

    /// Keeps what `read` found: the SBOM for ever, and the image's VEX files.
    public func save(_ reading: Reading, source: String) throws(StoreError) {
        try store.saveImage(reading.sbom, source: source, at: clock.now())
        if !reading.vex.isEmpty { try store.saveImageFiles(digest: reading.sbom.metadata.manifestDigest, files: reading.vex) }
    }

    /// The limits for reading one image (its held-bytes budget is its own), with programs reduced to
    /// what the binary catalogers extract from them.
    static func limits() -> ReadLimits {
        ReadLimits(reducer: WantedFileReducer(name: BinarySummary.formatName, applies: BinarySummary.applies,
                                              reduce: BinarySummary.reduce))
    }
}
