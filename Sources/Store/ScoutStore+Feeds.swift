import Foundation
import GRDB
import ScoutModel

/// Writes one source's records inside the transaction that replaces them, batch by batch, so a large
/// feed never has to sit in memory whole.
public struct SourceRecordWriter {
    let db: Database
    let source: String
    let insertAdvisory: Statement
    let insertCVSS: Statement
    let insertKEV: Statement
    let insertEPSS: Statement
    let index: AdvisoryKeyStatements
    let encoder = JSONEncoder()

    /// Adds advisories; of two with one id, the newer `modified` stays.
    public func insert(advisories: [Advisory]) throws {
        for advisory in advisories {
            let record = AdvisoryRecordEncoder.encode(advisory)
            try insertAdvisory.execute(arguments: [source, advisory.id, record, ScoutStore.advisoryDigest(record), advisory.withdrawn != nil])
            // Indexed only when it was written (not when an older `modified` lost to the stored one).
            if db.changesCount > 0 { try index.replace(advisory, source: source) }
        }
    }

    public func insert(cvss: [CVSSRecord]) throws {
        for record in cvss {
            try insertCVSS.execute(arguments: [source, record.vulnerabilityID, record.vector, record.score, record.scorer, record.isPrimary, record.description, record.published])
        }
    }

    public func insert(kev: [KEVEntry]) throws {
        for entry in kev {
            try insertKEV.execute(arguments: [source, entry.cveID, String(decoding: try encoder.encode(entry), as: UTF8.self)])
        }
    }

    public func insert(epss: [EPSSScore]) throws {
        for score in epss {
            try insertEPSS.execute(arguments: [source, score.cveID, score.score, score.percentile, score.date])
        }
    }
}

/// What the producer of a source's records decided once it has read everything.
public enum SourceReplacement: Sendable {
    /// Keep what was written; `warnings` are recorded on the source.
    case commit(warnings: [ScanWarning])
    /// Nothing usable was read: roll back and keep the previous records, recording `warning`.
    case keepPrevious(warning: ScanWarning)
}

/// The HTTP validators of a remote source's last download.
public struct FeedValidators: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

extension ScoutStore {
    static func registerFeedsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-feeds") { db in
            try db.execute(sql: """
                ALTER TABLE advisorySources ADD COLUMN etag TEXT;
                ALTER TABLE advisorySources ADD COLUMN lastModified TEXT;
                ALTER TABLE advisorySources ADD COLUMN checkedAt TEXT;
                CREATE TABLE kev (
                    source TEXT NOT NULL REFERENCES advisorySources(name) ON DELETE CASCADE,
                    cveID TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (source, cveID)
                );
                CREATE TABLE epss (
                    source TEXT NOT NULL REFERENCES advisorySources(name) ON DELETE CASCADE,
                    cveID TEXT NOT NULL,
                    score REAL NOT NULL,
                    percentile REAL NOT NULL,
                    date TEXT,
                    PRIMARY KEY (source, cveID)
                );
                CREATE TABLE imageFiles (
                    imageDigest TEXT NOT NULL REFERENCES images(digest) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    content BLOB NOT NULL,
                    PRIMARY KEY (imageDigest, path)
                );
                CREATE TABLE imageRuns (
                    runID INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    imageDigest TEXT NOT NULL,
                    critical INTEGER NOT NULL,
                    high INTEGER NOT NULL,
                    medium INTEGER NOT NULL,
                    low INTEGER NOT NULL,
                    unspecified INTEGER NOT NULL,
                    newFindings INTEGER NOT NULL,
                    fixedFindings INTEGER NOT NULL,
                    suppressed INTEGER NOT NULL,
                    fixedKeys TEXT NOT NULL,
                    PRIMARY KEY (runID, imageDigest)
                );
                """)
        }
    }

    /// Replaces one source's records in one transaction. `produce` writes them through the writer as
    /// it reads them; when it answers `.keepPrevious` (or throws) nothing changes but the warning.
    public func replaceSource(
        source: String, format: String, location: String, validators: FeedValidators = FeedValidators(),
        at time: String, produce: (SourceRecordWriter) throws -> SourceReplacement
    ) throws -> SourceReplacement {
        struct KeepPrevious: Error {}
        var kept: ScanWarning?
        do {
            return try write("replace the records of '\(source)'") { db in
                try db.execute(sql: """
                    INSERT INTO advisorySources (name, format, location, records, importedAt, warnings) VALUES (?, ?, ?, 0, NULL, '[]')
                    ON CONFLICT(name) DO NOTHING
                    """, arguments: [source, format, location])
                let changes = try AdvisoryChangeTracker(db, source: source)
                for table in ["advisories", "cvss", "kev", "epss"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE source = ?", arguments: [source])
                }
                let writer = SourceRecordWriter(
                    db: db, source: source,
                    insertAdvisory: try db.makeStatement(sql: """
                        INSERT INTO advisories (source, id, record, digest, withdrawn) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(source, id) DO UPDATE SET record = excluded.record, digest = excluded.digest, withdrawn = excluded.withdrawn
                        WHERE COALESCE(json_extract(excluded.record, '$.modified'), '') >= COALESCE(json_extract(advisories.record, '$.modified'), '')
                        """),
                    insertCVSS: try db.makeStatement(sql: """
                        INSERT INTO cvss (source, vulnerabilityID, vector, score, scorer, isPrimary, description, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """),
                    insertKEV: try db.makeStatement(sql: "INSERT OR REPLACE INTO kev (source, cveID, record) VALUES (?, ?, ?)"),
                    insertEPSS: try db.makeStatement(sql: "INSERT OR REPLACE INTO epss (source, cveID, score, percentile, date) VALUES (?, ?, ?, ?, ?)"),
                    index: try AdvisoryKeyStatements(db))
                let outcome = try produce(writer)
                switch outcome {
                case .keepPrevious(let warning):
                    kept = warning
                    throw KeepPrevious()
                case .commit(let warnings):
                    try changes.recordChanges(db)
                    var records = 0
                    for table in ["advisories", "cvss", "kev", "epss"] {
                        records += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE source = ?", arguments: [source]) ?? 0
                    }
                    try db.execute(sql: """
                        UPDATE advisorySources SET format = ?, location = ?, records = ?, importedAt = ?, checkedAt = ?,
                            warnings = ?, etag = ?, lastModified = ? WHERE name = ?
                        """, arguments: [format, location, records, time, time, try Self.json(warnings),
                                         validators.etag, validators.lastModified, source])
                }
                return outcome
            }
        } catch {
            guard let kept else { throw error }
            try recordSourceFailure(source: source, format: format, location: location, warning: kept)
            return .keepPrevious(warning: kept)
        }
    }

    /// A remote source answered `304 Not Modified`: its records stay, the check time moves on.
    public func recordSourceChecked(source: String, at time: String) throws(StoreError) {
        try write("record the check of '\(source)'") { db in
            try db.execute(sql: "UPDATE advisorySources SET checkedAt = ?, warnings = '[]' WHERE name = ?", arguments: [time, source])
        }
    }

    /// The validators (ETag, Last-Modified) of a source's last successful download.
    public func feedValidators(source: String) throws(StoreError) -> FeedValidators {
        try read("read the validators of '\(source)'") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT etag, lastModified FROM advisorySources WHERE name = ?", arguments: [source]) else {
                return FeedValidators()
            }
            return FeedValidators(etag: row["etag"], lastModified: row["lastModified"])
        }
    }

    /// Every source with records, last import, last check and location, sorted by name.
    public func advisorySourceDetails() throws(StoreError) -> [AdvisorySourceStatus] {
        let path = self.path
        return try read("read the advisory sources") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM advisorySources ORDER BY name").map { row in
                AdvisorySourceStatus(
                    name: row["name"], kind: row["format"], records: row["records"], importedAt: row["importedAt"],
                    warnings: try Self.decode([ScanWarning].self, row["warnings"], what: "warning list", operation: "read the advisory sources", path: path),
                    location: row["location"], checkedAt: row["checkedAt"])
            }
        }
    }

    /// KEV entries and EPSS scores by CVE id, across sources.
    public func exploitability() throws(StoreError) -> (kev: [String: KEVEntry], epss: [String: EPSSScore]) {
        let path = self.path
        return try read("read the KEV and EPSS records") { db in
            var kev: [String: KEVEntry] = [:]
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT cveID, record FROM kev ORDER BY source") {
                let text: String = row["record"]
                guard let entry = try? decoder.decode(KEVEntry.self, from: Data(text.utf8)) else {
                    throw StoreError(operation: "read the KEV records", path: path, reason: .corruptRecord("KEV entry"))
                }
                kev[entry.cveID] = entry
            }
            var epss: [String: EPSSScore] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT cveID, score, percentile, date FROM epss ORDER BY source")
            while let row = try rows.next() {
                let id: String = row["cveID"]
                epss[id] = EPSSScore(cveID: id, score: row["score"], percentile: row["percentile"], date: row["date"])
            }
            return (kev, epss)
        }
    }
}
