import GRDB
import ScoutModel

/// What the site needs beyond the latest run: each image's counts after every run (the trends) and
/// what the last run fixed. (The tag history is `ScoutStore+TagHistory`.)
extension ScoutStore {
    /// Each image's state after every run that evaluated it, oldest first, per image digest. Counts are
    /// distinct vulnerability ids per severity (how Scout counts, up to a CVE in two source packages);
    /// new and fixed are findings (package + vulnerability) against the previous run.
    public func imageTrends() throws(StoreError) -> [String: [ImageTrendPoint]] {
        try read("read the image trends") { db in
            var runs: [Int64: String] = [:]
            var previous: [Int64: Int64] = [:]
            var last: Int64?
            for row in try Row.fetchAll(db, sql: "SELECT id, startedAt FROM runs ORDER BY id") {
                let id: Int64 = row["id"]
                runs[id] = row["startedAt"]
                if let last { previous[id] = last }
                last = id
            }
            var points: [String: [Int64: ImageTrendPoint]] = [:]
            func point(_ digest: String, _ run: Int64) -> ImageTrendPoint {
                points[digest]?[run] ?? ImageTrendPoint(runID: run, runAt: runs[run] ?? "", counts: SeverityCounts(), newFindings: 0, fixedFindings: 0)
            }
            let counts = try Row.fetchCursor(db, sql: """
                SELECT runID, imageDigest, severity, COUNT(DISTINCT substr(findingKey, 1, instr(findingKey, '|') - 1)) AS n
                FROM findings GROUP BY runID, imageDigest, severity
                """)
            while let row = try counts.next() {
                let run: Int64 = row["runID"], digest: String = row["imageDigest"]
                var value = point(digest, run)
                if let severity = Severity(rawValue: row["severity"]) { value.counts[severity] += row["n"] as Int }
                points[digest, default: [:]][run] = value
            }
            // New: first seen at the start of this run, on any run but the first.
            let fresh = try Row.fetchCursor(db, sql: """
                SELECT f.runID, f.imageDigest, COUNT(*) AS n FROM findings f JOIN runs r ON r.id = f.runID
                WHERE f.firstSeen = r.startedAt AND r.id > (SELECT MIN(id) FROM runs) GROUP BY f.runID, f.imageDigest
                """)
            while let row = try fresh.next() {
                let run: Int64 = row["runID"], digest: String = row["imageDigest"]
                var value = point(digest, run)
                value.newFindings = row["n"]
                points[digest, default: [:]][run] = value
            }
            // Fixed: reported by the previous run for the image and not by this one.
            for (run, before) in previous {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT p.imageDigest, COUNT(*) AS n FROM findings p
                    WHERE p.runID = ? AND NOT EXISTS (
                        SELECT 1 FROM findings c WHERE c.runID = ? AND c.imageDigest = p.imageDigest AND c.findingKey = p.findingKey)
                    GROUP BY p.imageDigest
                    """, arguments: [before, run])
                for row in rows {
                    let digest: String = row["imageDigest"]
                    var value = point(digest, run)
                    value.fixedFindings = row["n"]
                    points[digest, default: [:]][run] = value
                }
            }
            return points.mapValues { $0.values.sorted { $0.runID < $1.runID } }
        }
    }

    /// Findings the previous run reported and the latest did not, per image digest, as
    /// `CVE-… package version` sorted.
    public func fixedSinceLastRun() throws(StoreError) -> [String: [String]] {
        try read("read the fixed findings") { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id DESC LIMIT 2")
            guard ids.count == 2 else { return [:] }
            var result: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.imageDigest, p.findingKey FROM findings p
                WHERE p.runID = ? AND NOT EXISTS (
                    SELECT 1 FROM findings c WHERE c.runID = ? AND c.imageDigest = p.imageDigest AND c.findingKey = p.findingKey)
                ORDER BY p.imageDigest, p.findingKey
                """, arguments: [ids[1], ids[0]]) {
                let parts = (row["findingKey"] as String).split(separator: "|", omittingEmptySubsequences: false)
                let text = parts.count >= 4 ? "\(parts[0]) \(parts[2]) \(parts[3])" : (row["findingKey"] as String)
                result[row["imageDigest"], default: []].append(text)
            }
            return result
        }
    }
}
