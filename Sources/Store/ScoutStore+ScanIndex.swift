import GRDB

extension ScoutStore {
    /// Every manifest a tag digest resolved to before, by tag digest then platform: read once per run
    /// by a registry scan, which then looks each listed tag up without a store read of its own (a read
    /// per tag, from every resolving thread at once, queued them all on the store's one connection).
    public func resolvedManifests() throws(StoreError) -> [String: [String: ResolvedManifest]] {
        try read("read the resolved manifests") { db in
            var found: [String: [String: ResolvedManifest]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT tagDigest, platform, manifestDigest, created FROM resolvedManifests")
            while let row = try rows.next() {
                found[row[0] as String, default: [:]][row[1] as String] = ResolvedManifest(manifestDigest: row[2], created: row[3])
            }
            return found
        }
    }

    /// `storedPackageCount(digest:)` of each digest, in one read with one prepared statement: the
    /// digests stored complete, with their package counts (the others are absent).
    ///
    /// `saveImage` numbers an image's packages 0, 1, 2…, so the count is the last position plus one: one
    /// step down the primary key's index, where `COUNT(*)` walked every package entry (3,000 images of
    /// 300 packages read 70 MB of index a night).
    public func storedPackageCounts(digests: [String]) throws(StoreError) -> [String: Int] {
        try read("count the packages of \(digests.count) images") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT EXISTS(SELECT 1 FROM images WHERE digest = ?1 AND incomplete = 0),
                    COALESCE((SELECT MAX(position) FROM packages WHERE imageDigest = ?1) + 1, 0)
                """)
            var counts: [String: Int] = [:]
            for digest in Set(digests) {
                guard let row = try Row.fetchOne(statement, arguments: [digest]), row[0] as Bool else { continue }
                counts[digest] = row[1] as Int
            }
            return counts
        }
    }
}
