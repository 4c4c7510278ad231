import Foundation
import GRDB
import Reports
import ScoutModel

extension ScoutStore {
    /// Findings as intervals (issue 15): `findingIntervals` holds one row per image digest and finding key
    /// while it stays the same, `findingRecords` each distinct record once. "The findings of run R" are
    /// the intervals with `firstRun <= R <= lastRun`. Every run of the v1 `findings` table is replayed in
    /// order (each keeps its findings, first-seen times and new flags), then that table is dropped.
    /// Also what incremental re-evaluation keeps (`matchBasis`, `imagesToEvaluate`, the runs' matching
    /// version: unknown for the converted runs, so the first run after the migration matches everything).
    static func registerFindingIntervalsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-finding-intervals") { db in
            try db.execute(sql: """
                CREATE TABLE findingRecords (
                    id INTEGER PRIMARY KEY,
                    hash BLOB NOT NULL UNIQUE,
                    record TEXT NOT NULL
                );
                CREATE TABLE findingIntervals (
                    imageDigest TEXT NOT NULL,
                    findingKey TEXT NOT NULL,
                    firstRun INTEGER NOT NULL,
                    lastRun INTEGER NOT NULL,
                    severity TEXT NOT NULL,
                    firstSeen TEXT NOT NULL,
                    isNew INTEGER NOT NULL,
                    recordID INTEGER NOT NULL REFERENCES findingRecords(id)
                );
                CREATE INDEX findingIntervals_by_lastRun ON findingIntervals(lastRun, firstRun);
                CREATE INDEX findingIntervals_by_firstRun ON findingIntervals(firstRun);
                CREATE TABLE epssIntervals (
                    cveID TEXT NOT NULL,
                    firstRun INTEGER NOT NULL,
                    lastRun INTEGER NOT NULL,
                    score REAL NOT NULL,
                    percentile REAL NOT NULL,
                    date TEXT
                );
                CREATE INDEX epssIntervals_by_lastRun ON epssIntervals(lastRun, firstRun);
                ALTER TABLE runs ADD COLUMN matchingVersion INTEGER;
                CREATE TABLE matchBasis (
                    key TEXT PRIMARY KEY NOT NULL,
                    fingerprint BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE imagesToEvaluate (
                    digest TEXT PRIMARY KEY NOT NULL
                ) WITHOUT ROWID;
                """)
            var writer = try FindingIntervalWriter(db: db)
            var previousRun: Int64?
            let decoder = JSONDecoder()
            for runID in try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id") {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT imageDigest, findingKey, severity, firstSeen, record FROM findings WHERE runID = ? ORDER BY rowid
                    """, arguments: [runID])
                while let row = try rows.next() {
                    let text: String = row["record"]
                    // A record that does not decode is kept as it is: reading it reports the damage, as before.
                    var record = text
                    var isNew = false
                    var epss: EPSSScore?
                    if let finding = try? decoder.decode(Finding.self, from: Data(text.utf8)) {
                        isNew = finding.isNew
                        epss = finding.epss
                        record = try storedRecord(finding)
                    }
                    try writer.record(runID: runID, previousRun: previousRun, digest: row["imageDigest"], key: row["findingKey"],
                                      severity: row["severity"], firstSeen: row["firstSeen"], isNew: isNew, record: record, epss: epss)
                }
                try writer.finish(runID: runID, previousRun: previousRun)
                previousRun = runID
            }
            try db.execute(sql: "DROP TABLE findings")
        }
    }

    /// A finding's record as `findingRecords` keeps it: its JSON without the first-seen time and new flag,
    /// which change from run to run while the finding does not (the interval holds them), and with only
    /// the CVE id of its EPSS score (the scores are in `epssIntervals`).
    static func storedRecord(_ finding: Finding) throws -> String {
        var finding = finding
        finding.firstSeen = nil
        finding.isNew = false
        finding.epss = finding.epss.map { EPSSScore(cveID: $0.cveID, score: 0, percentile: 0) }
        return try FindingRecordEncoder.encode(finding) ?? json(finding)
    }

    /// Each finding of run `runID`: image digest, key, first-seen time, new flag, record id, then
    /// `columns`; in no set order.
    static func intervalRows(_ db: Database, runID: Int64, columns: String = "r.record") throws -> RowCursor {
        try Row.fetchCursor(db, sql: """
            SELECT i.imageDigest, i.findingKey, i.firstSeen, i.isNew AND i.firstRun = ?1, i.recordID, \(columns)
            FROM findingIntervals i JOIN findingRecords r ON r.id = i.recordID
            WHERE i.lastRun >= ?1 AND i.firstRun <= ?1
            """, arguments: [runID])
    }

    /// The EPSS score of each CVE as run `runID` recorded it.
    static func epssScores(_ db: Database, runID: Int64) throws -> [String: EPSSScore] {
        var scores: [String: EPSSScore] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT cveID, score, percentile, date FROM epssIntervals WHERE lastRun >= ?1 AND firstRun <= ?1
            """, arguments: [runID]) {
            scores[row[0]] = EPSSScore(cveID: row[0], score: row[1], percentile: row[2], date: row[3])
        }
        return scores
    }

    /// Every image's findings in run `runID`, most urgent first (the order runs record them in).
    static func decodedFindings(_ db: Database, runID: Int64, operation: String, path: String,
                                images: Set<String>? = nil) throws -> [String: [Finding]] {
        var result: [String: [Finding]] = [:]
        let decoder = JSONDecoder()
        let epss = try epssScores(db, runID: runID)
        // Images share records (a base image's findings): each is decoded once and its copies share storage.
        var decoded: [Int64: Finding] = [:]
        let rows = try intervalRows(db, runID: runID)
        while let row = try rows.next() {
            let digest: String = row[0]
            if let images, !images.contains(digest) { continue }
            let recordID: Int64 = row[4]
            var finding: Finding
            if let known = decoded[recordID] {
                finding = known
            } else {
                let text: String = row[5]
                guard let fresh = try? decoder.decode(Finding.self, from: Data(text.utf8)) else {
                    throw StoreError(operation: operation, path: path, reason: .corruptRecord("finding"))
                }
                decoded[recordID] = fresh
                finding = fresh
            }
            finding.firstSeen = row[2]
            finding.isNew = row[3]
            if let marker = finding.epss { finding.epss = epss[marker.cveID] }
            result[digest, default: []].append(finding)
        }
        return result.mapValues { $0.sortedByPriority() }
    }
}
