import Catalogers
import ImageSource
import ScoutModel
import Store

/// The store's layer cache for the files today's catalogers want.
///
/// Entries are keyed by diffID and by `filterKey`, which names the catalogers and the OS-release
/// paths: adding a cataloger changes the key, so layers are read again rather than served incomplete.
public struct StoreLayerCache: LayerCache {
    public let store: ScoutStore
    public let clock: Clock

    public init(store: ScoutStore, clock: Clock) {
        self.store = store
        self.clock = clock
    }

    /// What the cached files depend on: the wanted-file predicate, named by its parts, and the format
    /// programs are kept in (their `BinarySummary`, never their bytes).
    public static let filterKey: String = {
        let names = Cataloging.catalogers.map(\.name).sorted().joined(separator: ",")
        return "v2|\(names)|\(OSReleaseReader.paths.sorted().joined(separator: ","))|\(BinarySummary.formatName)"
    }()

    public func cachedFiles(diffID: String) -> LayerFiles? {
        try? store.cachedLayer(diffID: diffID, filterKey: Self.filterKey)
    }

    public func store(_ files: LayerFiles) {
        // Best effort: a layer that cannot be cached is simply read again next time.
        try? store.cacheLayer(files, filterKey: Self.filterKey, at: clock.now())
    }
}
