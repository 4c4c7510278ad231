import GRDB
import ScoutModel

extension ScoutStore {
    /// NVD's publication date per CVE: the policy grace period counts from it (issue 16). Sources
    /// imported before this migration have none until their next import.
    static func registerCVSSPublishedMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-cvss-published") { db in
            try db.execute(sql: "ALTER TABLE cvss ADD COLUMN published TEXT")
        }
    }

    /// Replaces one source's advisories and CVSS records in one transaction: readers see the old set
    /// or the new one, never a mix, and a failure keeps the old one.
    public func replaceAdvisories(
        source: String, format: String, location: String,
        advisories: [Advisory], cvss: [CVSSRecord], warnings: [ScanWarning], at time: String
    ) throws(StoreError) {
        try write("replace the advisories of '\(source)'") { db in
            try db.execute(sql: """
                INSERT INTO advisorySources (name, format, location, records, importedAt, warnings) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET format = excluded.format, location = excluded.location,
                    records = excluded.records, importedAt = excluded.importedAt, warnings = excluded.warnings
                """, arguments: [source, format, location, advisories.count + cvss.count, time, try Self.json(warnings)])
            let changes = try AdvisoryChangeTracker(db, source: source)
            try db.execute(sql: "DELETE FROM advisories WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM cvss WHERE source = ?", arguments: [source])
            let insertAdvisory = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO advisories (source, id, record, digest, withdrawn) VALUES (?, ?, ?, ?, ?)
                """)
            let index = try AdvisoryKeyStatements(db)
            for advisory in advisories {
                let record = try Self.json(advisory)
                try insertAdvisory.execute(arguments: [source, advisory.id, record, Self.advisoryDigest(record), advisory.withdrawn != nil])
                try index.replace(advisory, source: source)
            }
            let insertCVSS = try db.makeStatement(sql: """
                INSERT INTO cvss (source, vulnerabilityID, vector, score, scorer, isPrimary, description, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in cvss {
                try insertCVSS.execute(arguments: [source, record.vulnerabilityID, record.vector, record.score, record.scorer, record.isPrimary, record.description, record.published])
            }
            try changes.recordChanges(db)
        }
    }

    /// Records that a source could not be imported this time; its previous records stay.
    public func recordSourceFailure(source: String, format: String, location: String, warning: ScanWarning) throws(StoreError) {
        try write("record the failure of '\(source)'") { db in
            try db.execute(sql: """
                INSERT INTO advisorySources (name, format, location, records, importedAt, warnings) VALUES (?, ?, ?, 0, NULL, ?)
                ON CONFLICT(name) DO UPDATE SET warnings = excluded.warnings
                """, arguments: [source, format, location, try Self.json([warning])])
        }
    }

    /// Every source with its record count and last import, sorted by name.
    public func advisorySources() throws(StoreError) -> [AdvisorySourceStatus] {
        let path = self.path
        return try read("read the advisory sources") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM advisorySources ORDER BY name").map { row in
                AdvisorySourceStatus(
                    name: row["name"], kind: row["format"], records: row["records"], importedAt: row["importedAt"],
                    warnings: try Self.decode([ScanWarning].self, row["warnings"], what: "warning list", operation: "read the advisory sources", path: path))
            }
        }
    }

    /// Rows of (source, record), sorted by source, grouped by source.
    static func recordsBySource(_ rows: RowCursor) throws -> [(name: String, records: [Data])] {
        var sources: [(name: String, records: [Data])] = []
        while let row = try rows.next() {
            let source: String = row["source"]
            let record: Data = row["record"]
            if sources.last?.name == source {
                sources[sources.count - 1].records.append(record)
            } else {
                sources.append((source, [record]))
            }
        }
        return sources
    }

    /// The stored records of every advisory grouped by source (sorted by source, then id), undecoded,
    /// for a caller with a faster reader than `JSONDecoder`; and all CVSS records.
    public func advisoryRecords() throws(StoreError) -> (sources: [(name: String, records: [Data])], cvss: [CVSSRecord]) {
        try read("read the advisories") { db in
            let sources = try Self.recordsBySource(Row.fetchCursor(db, sql: "SELECT source, record FROM advisories ORDER BY source, id"))
            let cvss = try Row.fetchAll(db, sql: "SELECT * FROM cvss ORDER BY vulnerabilityID, isPrimary DESC, rowid").map { row in
                CVSSRecord(vulnerabilityID: row["vulnerabilityID"], vector: row["vector"], score: row["score"],
                           scorer: row["scorer"], isPrimary: row["isPrimary"], description: row["description"],
                           published: row["published"])
            }
            return (sources, cvss)
        }
    }

    /// All advisories grouped by source (sorted by source, then id), and all CVSS records.
    public func advisories() throws(StoreError) -> (sources: [(name: String, advisories: [Advisory])], cvss: [CVSSRecord]) {
        let path = self.path
        return try read("read the advisories") { db in
            var sources: [(name: String, advisories: [Advisory])] = []
            let decoder = JSONDecoder()
            let rows = try Row.fetchCursor(db, sql: "SELECT source, record FROM advisories ORDER BY source, id")
            while let row = try rows.next() {
                let source: String = row["source"]
                let text: String = row["record"]
                guard let advisory = try? decoder.decode(Advisory.self, from: Data(text.utf8)) else {
                    throw StoreError(operation: "read the advisories", path: path, reason: .corruptRecord("advisory"))
                }
                if sources.last?.name == source {
                    sources[sources.count - 1].advisories.append(advisory)
                } else {
                    sources.append((source, [advisory]))
                }
            }
            let cvss = try Row.fetchAll(db, sql: "SELECT * FROM cvss ORDER BY vulnerabilityID, isPrimary DESC, rowid").map { row in
                CVSSRecord(vulnerabilityID: row["vulnerabilityID"], vector: row["vector"], score: row["score"],
                           scorer: row["scorer"], isPrimary: row["isPrimary"], description: row["description"],
                           published: row["published"])
            }
            return (sources, cvss)
        }
    }
}

import Foundation
