import ScoutModel

/// Per-layer results kept by diffID, so a layer shared by many images is downloaded and read once.
///
/// Implementations decide what the cached files depend on (the set of files the catalogers want).
public protocol LayerCache: Sendable {
    /// The files kept from the layer with this diffID, when a previous read was complete and clean.
    func cachedFiles(diffID: String) -> LayerFiles?
    /// Keeps the files of a layer that was read completely, without warnings, and verified.
    func store(_ files: LayerFiles)
}

extension ImageHandle {
    /// Reads the layers, taking those already in `cache` from it; the default reads everything.
    public func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: (any LayerCache)?) throws -> LayerReadResult {
        try readLayers(wants: wants, limits: limits)
    }
}
