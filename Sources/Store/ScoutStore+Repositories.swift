import GRDB
import ScoutModel

extension ScoutStore {
    /// Makes the stored repositories match the config: new ones added, enabled flags and sources
    /// updated; repositories no longer configured are kept (with their history) but marked so.
    public func syncRepositories(_ configured: [(name: String, enabled: Bool, source: String)]) throws(StoreError) {
        try write("record the configured repositories") { db in
            try db.execute(sql: "UPDATE repositories SET inConfig = 0")
            for repository in configured {
                try db.execute(sql: """
                    INSERT INTO repositories (name, enabled, source, inConfig) VALUES (?, ?, ?, 1)
                    ON CONFLICT(name) DO UPDATE SET enabled = excluded.enabled, source = excluded.source, inConfig = 1
                    """, arguments: [repository.name, repository.enabled, repository.source])
            }
        }
    }

    /// Records that a repository was analysed by the run at `time`.
    public func markAnalysed(repository: String, at time: String) throws(StoreError) {
        try write("record the analysis of '\(repository)'") { db in
            try Self.markAnalysed(db, repository: repository, at: time)
        }
    }

    static func markAnalysed(_ db: Database, repository: String, at time: String) throws {
        try db.cachedStatement(sql: "UPDATE repositories SET lastAnalysed = ? WHERE name = ?").execute(arguments: [time, repository])
    }

    /// Replaces the warnings of a repository's last analysis (images that could not be read).
    public func replaceRepositoryWarnings(repository: String, warnings: [ScanWarning]) throws(StoreError) {
        try write("record the warnings of '\(repository)'") { db in
            try Self.replaceRepositoryWarnings(db, repository: repository, warnings: warnings)
        }
    }

    static func replaceRepositoryWarnings(_ db: Database, repository: String, warnings: [ScanWarning]) throws {
        try db.cachedStatement(sql: "DELETE FROM repositoryWarnings WHERE repository = ?").execute(arguments: [repository])
        for warning in warnings {
            try db.execute(sql: "INSERT INTO repositoryWarnings (repository, subject, message) VALUES (?, ?, ?)",
                           arguments: [repository, warning.subject, warning.message])
        }
    }

    /// Every repository with its image count, sorted by name.
    public func repositories() throws(StoreError) -> [RepositoryStatus] {
        try read("read the repositories") { db in
            var warnings: [String: [ScanWarning]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM repositoryWarnings ORDER BY rowid") {
                warnings[row["repository"], default: []].append(ScanWarning(subject: row["subject"], message: row["message"]))
            }
            return try Row.fetchAll(db, sql: """
                SELECT r.name, r.enabled, r.source, r.lastAnalysed,
                    (SELECT COUNT(DISTINCT t.digest) FROM tags t WHERE t.repository = r.name) AS imageCount
                FROM repositories r ORDER BY r.name
                """).map { row in
                RepositoryStatus(name: row["name"], enabled: row["enabled"], source: row["source"],
                                 lastAnalysed: row["lastAnalysed"], imageCount: row["imageCount"],
                                 warnings: warnings[row["name"]] ?? [])
            }
        }
    }
}
