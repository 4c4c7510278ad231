import Foundation
import GRDB
import ScoutModel

/// One image's outcome in one run, as recorded for its trend.
public struct ImageRunRecord: Sendable, Hashable {
    public var digest: String
    public var counts: SeverityCounts
    public var newFindings: Int
    public var fixedFindings: Int
    public var suppressed: Int
    /// `CVE-… package version` of each finding fixed since the previous run, sorted.
    public var fixed: [String]

    public init(digest: String, counts: SeverityCounts, newFindings: Int, fixedFindings: Int, suppressed: Int, fixed: [String]) {
        self.digest = digest
        self.counts = counts
        self.newFindings = newFindings
        self.fixedFindings = fixedFindings
        self.suppressed = suppressed
        self.fixed = fixed
    }
}

extension ScoutStore {
    /// The findings (suppressed ones included) that run `runID` recorded for each image, most urgent first.
    public func findings(ofRun runID: Int64) throws(StoreError) -> [String: [Finding]] {
        let path = self.path
        return try read("read the findings of run \(runID)") { db in
            try Self.decodedFindings(db, runID: runID, operation: "read the findings", path: path)
        }
    }

    /// What re-evaluation needs of each finding run `runID` recorded, per image: its key, whether it was
    /// suppressed, and its source-package key (`CVE-… name version`). Read without decoding the
    /// records (SQLite extracts the four fields), so a fleet's previous run costs a few strings a finding.
    /// Each image's summaries come in no set order.
    public func findingSummaries(ofRun runID: Int64) throws(StoreError) -> [String: [FindingSummary]] {
        let path = self.path
        return try read("read the findings of run \(runID)") { db in
            var result: [String: [FindingSummary]] = [:]
            let rows = try Self.intervalRows(db, runID: runID, columns: """
                json_extract(r.record, '$.suppression') IS NOT NULL,
                json_extract(r.record, '$.vulnerabilityID', '$.package.name', '$.package.version', '$.package.sourceName', '$.package.sourceVersion')
                """)
            while let row = try rows.next() {
                let fieldsText: String? = row[6]
                guard let fieldsText, let fields = FindingSummary.fields(fieldsText) else {
                    throw StoreError(operation: "read the findings of run \(runID)", path: path, reason: .corruptRecord("finding"))
                }
                result[row[0], default: []].append(FindingSummary(
                    key: row[1], suppressed: row[5],
                    sourceKey: "\(fields.id) \(fields.sourceName ?? fields.name) \(fields.sourceVersion ?? fields.version)"))
            }
            return result
        }
    }

    /// The id of the newest run, if any.
    public func latestRunID() throws(StoreError) -> Int64? {
        try read("read the latest run") { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") }
    }

    /// Records each image's counts in run `runID` (one transaction).
    public func recordImageRuns(runID: Int64, _ records: [ImageRunRecord]) throws(StoreError) {
        try write("record the image trends of run \(runID)") { db in
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO imageRuns (runID, imageDigest, critical, high, medium, low, unspecified,
                    newFindings, fixedFindings, suppressed, fixedKeys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in records {
                let c = record.counts
                try insert.execute(arguments: [runID, record.digest, c.critical, c.high, c.medium, c.low, c.unspecified,
                                               record.newFindings, record.fixedFindings, record.suppressed, try Self.json(record.fixed)])
            }
        }
    }

    /// Each image's trend, oldest run first, at most `limit` runs; and what the latest run fixed.
    public func imageTrends(limit: Int = 30) throws(StoreError) -> (trends: [String: [ImageTrendPoint]], fixed: [String: [String]]) {
        let path = self.path
        return try read("read the image trends") { db in
            var trends: [String: [ImageTrendPoint]] = [:]
            var fixed: [String: [String]] = [:]
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs")
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.*, r.startedAt FROM imageRuns i JOIN runs r ON r.id = i.runID ORDER BY i.imageDigest, i.runID
                """)
            for row in rows {
                let digest: String = row["imageDigest"]
                let runID: Int64 = row["runID"]
                trends[digest, default: []].append(ImageTrendPoint(
                    runID: runID, runAt: row["startedAt"],
                    counts: SeverityCounts(critical: row["critical"], high: row["high"], medium: row["medium"], low: row["low"], unspecified: row["unspecified"]),
                    newFindings: row["newFindings"], fixedFindings: row["fixedFindings"], suppressed: row["suppressed"]))
                if runID == latest {
                    fixed[digest] = try Self.decode([String].self, row["fixedKeys"], what: "fixed list", operation: "read the image trends", path: path)
                }
            }
            for (digest, points) in trends where points.count > limit { trends[digest] = Array(points.suffix(limit)) }
            return (trends, fixed)
        }
    }
}
