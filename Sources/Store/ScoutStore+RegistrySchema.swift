import GRDB

extension ScoutStore {
    /// `v2-registry`: the layer cache by diffID, tag digests resolved per platform, repository
    /// overrides set with `repo enable/disable`, and repositories discovered in registry catalogs.
    static func migrateRegistry(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE layerCache (
                diffID TEXT NOT NULL,
                filterKey TEXT NOT NULL,
                whiteouts TEXT NOT NULL,
                opaqueDirectories TEXT NOT NULL,
                storedAt TEXT NOT NULL,
                PRIMARY KEY (diffID, filterKey)
            );
            CREATE TABLE layerCacheFiles (
                diffID TEXT NOT NULL,
                filterKey TEXT NOT NULL,
                path TEXT NOT NULL,
                content BLOB NOT NULL,
                PRIMARY KEY (diffID, filterKey, path),
                FOREIGN KEY (diffID, filterKey) REFERENCES layerCache(diffID, filterKey) ON DELETE CASCADE
            );
            CREATE TABLE resolvedManifests (
                tagDigest TEXT NOT NULL,
                platform TEXT NOT NULL,
                manifestDigest TEXT NOT NULL,
                created TEXT,
                PRIMARY KEY (tagDigest, platform)
            );
            CREATE TABLE repositoryOverrides (
                name TEXT PRIMARY KEY NOT NULL,
                enabled INTEGER NOT NULL,
                updatedAt TEXT NOT NULL
            );
            ALTER TABLE repositories ADD COLUMN discovered INTEGER NOT NULL DEFAULT 0;
            """)
    }
}
