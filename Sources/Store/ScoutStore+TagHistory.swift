import GRDB
import ScoutModel

extension ScoutStore {
    /// `v2-base`: every digest a tag has pointed at, so "the tag used to point at X" is known.
    /// Seeded from the current tags.
    static func registerBaseMigration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE tagHistory (
                repository TEXT NOT NULL,
                tag TEXT NOT NULL,
                digest TEXT NOT NULL,
                since TEXT NOT NULL,
                until TEXT
            );
            CREATE INDEX tagHistory_by_tag ON tagHistory(repository, tag);
            CREATE INDEX tagHistory_by_digest ON tagHistory(digest);
            INSERT INTO tagHistory (repository, tag, digest, since, until)
                SELECT repository, tag, digest, updatedAt, NULL FROM tags;
            """)
    }

    /// Closes the open period of `repository:tag` when it moves to another digest and opens a new one.
    static func recordTagHistory(_ db: Database, repository: String, tag: String, digest: String, at time: String) throws {
        // Cached statements: a registry scan records every tag of every repository, each night.
        let open = try String.fetchOne(db.cachedStatement(sql: """
            SELECT digest FROM tagHistory WHERE repository = ? AND tag = ? AND until IS NULL
            """), arguments: [repository, tag])
        guard open != digest else { return }
        try db.execute(sql: "UPDATE tagHistory SET until = ? WHERE repository = ? AND tag = ? AND until IS NULL",
                       arguments: [time, repository, tag])
        try db.execute(sql: "INSERT INTO tagHistory (repository, tag, digest, since, until) VALUES (?, ?, ?, ?, NULL)",
                       arguments: [repository, tag, digest, time])
    }

    /// Every period of every tag, sorted by repository, tag, then time (oldest first).
    public func tagHistory() throws(StoreError) -> [TagRecord] {
        try read("read the tag history") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tagHistory ORDER BY repository, tag, since, rowid").map { row in
                TagRecord(repository: row["repository"], tag: row["tag"], digest: row["digest"],
                          since: row["since"], until: row["until"])
            }
        }
    }
}
