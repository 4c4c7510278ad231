import Foundation
import GRDB
import Reports
import ScoutModel

extension ScoutStore {
    /// Records one evaluation: every image's findings, marked new or carried over with their first-seen
    /// time, and the counts of new and fixed findings against the previous run. One transaction.
    @discardableResult
    public func recordRun(
        startedAt: String, finishedAt: String, advisorySnapshot: [String: Int],
        findings: [String: [Finding]], warnings: [String: [ScanWarning]]
    ) throws(StoreError) -> RunSummary {
        var findings = findings
        return try recordRun(startedAt: startedAt, finishedAt: finishedAt, advisorySnapshot: advisorySnapshot,
                             stamping: &findings, warnings: warnings)
    }

    /// As `recordRun(startedAt:finishedAt:advisorySnapshot:findings:warnings:)`, leaving each finding in
    /// `findings` as recorded (its first-seen time and new flag set): what `latestFindings()` would read
    /// back, without reading it back.
    @discardableResult
    public func recordRun(
        startedAt: String, finishedAt: String, advisorySnapshot: [String: Int],
        stamping findings: inout [String: [Finding]], warnings: [String: [ScanWarning]]
    ) throws(StoreError) -> RunSummary {
        try write("record the run") { db in
            let previousRun = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs")
            var intervals = try FindingIntervalWriter(db: db)
            var counts = SeverityCounts()
            var newCount = 0
            try db.execute(sql: """
                INSERT INTO runs (startedAt, finishedAt, advisorySnapshot, imagesEvaluated, critical, high, medium, low,
                    unspecified, newFindings, fixedFindings) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0)
                """, arguments: [startedAt, finishedAt, try Self.json(advisorySnapshot), findings.count])
            let runID = db.lastInsertedRowID
            for digest in findings.keys.sorted() {
                // Taken out and put back so that each list is stamped in place, not copied.
                var list = findings.removeValue(forKey: digest) ?? []
                var keys: Set<String> = []
                // A second finding with the same key is not recorded (one interval a key): nor kept here.
                list.removeAll { !keys.insert($0.key).inserted }
                for position in list.indices {
                    let key = list[position].key
                    let seen = intervals.firstSeen(digest: digest, key: key)
                    list[position].firstSeen = seen ?? startedAt
                    list[position].isNew = previousRun != nil && seen == nil
                    let finding = list[position]
                    // Suppressed findings (VEX, ignore list) are kept but counted nowhere.
                    if finding.suppression == nil {
                        if finding.isNew { newCount += 1 }
                        counts[finding.severity] += 1
                    }
                    try intervals.record(runID: runID, previousRun: previousRun, digest: digest, key: key,
                                         severity: finding.severity.rawValue, firstSeen: finding.firstSeen ?? startedAt,
                                         isNew: finding.isNew, record: try Self.storedRecord(finding), epss: finding.epss)
                }
                findings[digest] = list
            }
            // Fixed: reported last run for an image still evaluated now, and gone.
            let fixedCount = intervals.droppedCount { digest in findings[digest] != nil }
            try intervals.finish(runID: runID, previousRun: previousRun)
            let insertWarning = try db.makeStatement(sql: "INSERT INTO evaluationWarnings (runID, imageDigest, subject, message) VALUES (?, ?, ?, ?)")
            for digest in warnings.keys.sorted() {
                for warning in warnings[digest]! {
                    try insertWarning.execute(arguments: [runID, digest, warning.subject, warning.message])
                }
            }
            try db.execute(sql: """
                UPDATE runs SET critical = ?, high = ?, medium = ?, low = ?, unspecified = ?, newFindings = ?, fixedFindings = ? WHERE id = ?
                """, arguments: [counts.critical, counts.high, counts.medium, counts.low, counts.unspecified, newCount, fixedCount, runID])
            return RunSummary(id: runID, startedAt: startedAt, counts: counts, imagesEvaluated: findings.count,
                              newFindings: newCount, fixedFindings: fixedCount)
        }
    }

    /// The findings of the latest run per image digest (empty before the first run), most urgent first.
    public func latestFindings() throws(StoreError) -> [String: [Finding]] {
        let path = self.path
        return try read("read the findings") { db in
            guard let runID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") else { return [:] }
            return try Self.decodedFindings(db, runID: runID, operation: "read the findings", path: path)
        }
    }

    /// Warnings the latest evaluation met, per image digest.
    public func latestEvaluationWarnings() throws(StoreError) -> [String: [ScanWarning]] {
        try read("read the evaluation warnings") { db in
            guard let runID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") else { return [:] }
            var result: [String: [ScanWarning]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM evaluationWarnings WHERE runID = ? ORDER BY rowid", arguments: [runID]) {
                result[row["imageDigest"], default: []].append(ScanWarning(subject: row["subject"], message: row["message"]))
            }
            return result
        }
    }

    /// Every run, newest first.
    public func runs() throws(StoreError) -> [RunSummary] {
        try read("read the runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC").map { row in
                RunSummary(
                    id: row["id"], startedAt: row["startedAt"],
                    counts: SeverityCounts(critical: row["critical"], high: row["high"], medium: row["medium"], low: row["low"], unspecified: row["unspecified"]),
                    imagesEvaluated: row["imagesEvaluated"], newFindings: row["newFindings"], fixedFindings: row["fixedFindings"])
            }
        }
    }
}
