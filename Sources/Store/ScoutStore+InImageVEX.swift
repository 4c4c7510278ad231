import Foundation
import GRDB

/// The in-image VEX paths each repository opted in to, as the last run applied them: `cves` reads them
/// so that it suppresses exactly what the site does.
extension ScoutStore {
    static func registerInImageVEXMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-vex-in-image") { db in
            try db.execute(sql: """
                CREATE TABLE repositoryVEXPaths (
                    repository TEXT NOT NULL,
                    pattern TEXT NOT NULL,
                    PRIMARY KEY (repository, pattern)
                )
                """)
        }
    }

    /// Replaces the recorded policy (repository → path globs) in one transaction.
    public func replaceInImageVEXPaths(_ paths: [String: [String]]) throws(StoreError) {
        try write("record the in-image VEX paths") { db in
            try db.execute(sql: "DELETE FROM repositoryVEXPaths")
            for (repository, patterns) in paths {
                for pattern in Set(patterns) {
                    try db.execute(sql: "INSERT INTO repositoryVEXPaths (repository, pattern) VALUES (?, ?)", arguments: [repository, pattern])
                }
            }
        }
    }

    /// The recorded policy: repository → path globs, sorted.
    public func inImageVEXPaths() throws(StoreError) -> [String: [String]] {
        try read("read the in-image VEX paths") { db in
            var paths: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, pattern FROM repositoryVEXPaths ORDER BY repository, pattern") {
                paths[row["repository"], default: []].append(row["pattern"])
            }
            return paths
        }
    }
}
