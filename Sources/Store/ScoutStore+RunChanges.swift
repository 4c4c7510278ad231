import Foundation
import GRDB
import ScoutModel

extension ScoutStore {
    /// What each of the latest `limit` runs changed, newest first: per image, the findings new in that
    /// run that are critical, high or known exploited (not suppressed), and what it fixed. The images'
    /// repository and tag are left for the caller. Reads only the intervals that begin a finding in each run.
    public func runChanges(limit: Int = 20) throws(StoreError) -> [RunChanges] {
        let path = self.path
        return try read("read what recent runs changed") { db in
            var result: [RunChanges] = []
            let decoder = JSONDecoder()
            let firstRun = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM runs")
            for run in try Row.fetchAll(db, sql: "SELECT id, startedAt FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit]) {
                let runID: Int64 = run["id"]
                let startedAt: String = run["startedAt"]
                var new: [String: [Finding]] = [:]
                let epss = try Self.epssScores(db, runID: runID)
                // Nothing is new in the first run; in the others a new finding was first seen then. Only the
                // notable ones are decoded (critical, high, or listed as exploited): at fleet scale a run
                // records a hundred thousand findings, and a cold night's are all first seen in it.
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT i.imageDigest, r.record, i.firstSeen FROM findingIntervals i JOIN findingRecords r ON r.id = i.recordID
                    WHERE i.firstRun = ? AND i.isNew AND i.firstSeen = ? AND ?
                        AND (i.severity IN ('critical', 'high') OR json_extract(r.record, '$.kev') IS NOT NULL)
                    ORDER BY i.rowid
                    """, arguments: [runID, startedAt, runID != firstRun])
                while let row = try rows.next() {
                    let text: String = row["record"]
                    guard var finding = try? decoder.decode(Finding.self, from: Data(text.utf8)) else {
                        throw StoreError(operation: "read what recent runs changed", path: path, reason: .corruptRecord("finding"))
                    }
                    finding.firstSeen = row["firstSeen"]
                    finding.isNew = true
                    if let marker = finding.epss { finding.epss = epss[marker.cveID] }
                    if RunChanges.isNotable(finding) { new[row["imageDigest"], default: []].append(finding) }
                }
                var fixed: [String: [String]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT imageDigest, fixedKeys FROM imageRuns WHERE runID = ? AND fixedFindings > 0", arguments: [runID]) {
                    let list = try Self.decode([String].self, row["fixedKeys"], what: "fixed list", operation: "read what recent runs changed", path: path)
                    if !list.isEmpty { fixed[row["imageDigest"]] = list }
                }
                let digests = Set(new.keys).union(fixed.keys).sorted()
                result.append(RunChanges(runID: runID, startedAt: startedAt, images: digests.map {
                    RunChanges.ImageChanges(digest: $0, repository: nil, tag: nil, newFindings: (new[$0] ?? []).sortedByPriority(), fixed: fixed[$0] ?? [])
                }))
            }
            return result
        }
    }
}
