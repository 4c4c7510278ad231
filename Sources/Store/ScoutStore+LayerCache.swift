import Foundation
import GRDB
import ScoutModel

extension ScoutStore {
    /// The files kept from a layer for this set of wanted files (`filterKey`), if it was read before.
    public func cachedLayer(diffID: String, filterKey: String) throws(StoreError) -> LayerFiles? {
        let path = self.path
        return try read("read the cached layer '\(diffID)'") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT whiteouts, opaqueDirectories FROM layerCache WHERE diffID = ? AND filterKey = ?",
                                             arguments: [diffID, filterKey]) else { return nil }
            var layer = LayerFiles(diffID: diffID)
            layer.whiteouts = Set(try Self.decode([String].self, row["whiteouts"], what: "whiteout list", operation: "read a cached layer", path: path))
            layer.opaqueDirectories = Set(try Self.decode([String].self, row["opaqueDirectories"], what: "opaque directory list", operation: "read a cached layer", path: path))
            for file in try Row.fetchAll(db, sql: "SELECT path, content FROM layerCacheFiles WHERE diffID = ? AND filterKey = ?", arguments: [diffID, filterKey]) {
                let content: Data = file["content"]
                layer.files[file["path"]] = [UInt8](content)
            }
            return layer
        }
    }

    /// Keeps a layer's files (one transaction); a layer already kept is replaced.
    public func cacheLayer(_ layer: LayerFiles, filterKey: String, at time: String) throws(StoreError) {
        try write("cache the layer '\(layer.diffID)'") { db in
            try db.execute(sql: "DELETE FROM layerCache WHERE diffID = ? AND filterKey = ?", arguments: [layer.diffID, filterKey])
            try db.execute(sql: "INSERT INTO layerCache (diffID, filterKey, whiteouts, opaqueDirectories, storedAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [layer.diffID, filterKey, try Self.json(layer.whiteouts.sorted()), try Self.json(layer.opaqueDirectories.sorted()), time])
            let insert = try db.makeStatement(sql: "INSERT INTO layerCacheFiles (diffID, filterKey, path, content) VALUES (?, ?, ?, ?)")
            // In path order: a dictionary's order differs from one run to the next, the rows must not.
            for (path, content) in layer.files.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [layer.diffID, filterKey, path, Data(content)])
            }
        }
    }

    /// How many layers are cached (all filter keys).
    public func cachedLayerCount() throws(StoreError) -> Int {
        try read("count the cached layers") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM layerCache") ?? 0 }
    }
}
