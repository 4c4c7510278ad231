import ScoutModel

/// An opened image: its metadata is read, its layers can be streamed.
public protocol ImageHandle: Sendable {
    /// Manifest and config facts, read and verified when the image was opened.
    var metadata: ImageMetadata { get }
    /// Streams every layer in order and keeps the regular files whose path `wants` accepts.
    ///
    /// A broken layer never throws: it becomes a warning and an empty `LayerFiles`.
    /// Throws only when the image itself can no longer be read (its file vanished).
    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits) throws -> LayerReadResult
    /// The same, taking layers whose diffID is in `cache` from it and keeping the clean new ones there.
    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: (any LayerCache)?) throws -> LayerReadResult
}

extension ImageHandle {
    /// Streams every layer with the default limits.
    public func readLayers(wants: @Sendable (String) -> Bool) throws -> LayerReadResult {
        try readLayers(wants: wants, limits: ReadLimits())
    }
}

/// Bounds that keep a hostile or broken image from exhausting memory or time.
public struct ReadLimits: Sendable, Hashable {
    /// A wanted file larger than this is skipped with a warning.
    public var maxFileSize: Int64
    /// A tar entry claiming more than this stops its layer with a warning.
    public var maxEntrySize: Int64
    /// A layer inflating to more than this stops with a warning (decompression bomb guard).
    public var maxInflatedBytes: Int64
    /// A gzip layer whose inflated size passes `ratioCheckAfter` bytes and `maxInflateRatio` times its
    /// compressed size stops with a warning (a bomb: real layers inflate 2–10 times).
    public var maxInflateRatio: Int64
    /// Inflated bytes below which the ratio is not checked (small, very repetitive layers are fine).
    public var ratioCheckAfter: Int64
    /// The gzip library; zlib is also retried when ISA-L fails on a layer that can be read again.
    public var inflateEngine: InflateEngine
    /// What one layer may keep of its wanted files, summed (after reduction): a file that would pass
    /// it is skipped with a warning.
    public var maxLayerHeldBytes: Int64
    /// What the layers of one image may keep together; shared by every copy of these limits, so make
    /// one `ReadLimits` per image.
    public var imageBudget: HeldBytesBudget
    /// Reduces the wanted files it applies to (binaries) to what their catalogers need, as they stream.
    public var reducer: WantedFileReducer?

    /// Defaults: 64 MiB per kept file, 512 MiB kept per layer and 1 GiB per image, 16 GiB per tar
    /// entry, 64 GiB of tar per layer, ratio 250 past 1 GiB.
    public init(
        maxFileSize: Int64 = 64 << 20,
        maxEntrySize: Int64 = 16 << 30,
        maxInflatedBytes: Int64 = 64 << 30,
        maxInflateRatio: Int64 = 250,
        ratioCheckAfter: Int64 = 1 << 30,
        inflateEngine: InflateEngine = .preferred,
        maxLayerHeldBytes: Int64 = 512 << 20,
        maxImageHeldBytes: Int64 = 1 << 30,
        reducer: WantedFileReducer? = nil
    ) {
        self.maxFileSize = maxFileSize
        self.maxEntrySize = maxEntrySize
        self.maxInflatedBytes = maxInflatedBytes
        self.maxInflateRatio = maxInflateRatio
        self.ratioCheckAfter = ratioCheckAfter
        self.inflateEngine = inflateEngine
        self.maxLayerHeldBytes = maxLayerHeldBytes
        self.imageBudget = HeldBytesBudget(limit: maxImageHeldBytes)
        self.reducer = reducer
    }
}

/// What reading an image's layers gave: one `LayerFiles` per layer, in order, and the problems met.
public struct LayerReadResult: Sendable, Hashable {
    /// One per layer, oldest first; a layer that failed is present but empty.
    public var layers: [LayerFiles]
    public var warnings: [ScanWarning]

    public init(layers: [LayerFiles], warnings: [ScanWarning]) {
        self.layers = layers
        self.warnings = warnings
    }
}
