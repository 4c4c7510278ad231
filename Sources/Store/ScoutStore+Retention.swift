import Foundation
import GRDB

/// What pruning removed, and the file's size before and after.
public struct PruneOutcome: Sendable, Hashable {
    public var imagesDeleted = 0
    public var runsDeleted = 0
    public var intervalsDeleted = 0
    public var recordsDeleted = 0
    public var bytesBefore: Int64 = 0
    public var bytesAfter: Int64 = 0
    /// True when the free pages passed the threshold and the file was rewritten (`VACUUM`).
    public var vacuumed = false

    public init() {}
}

extension ScoutStore {
    /// Deletes the images no tag points at and none has since before `untaggedBefore` (RFC 3339; their
    /// packages, files, tag history, findings and per-run rows), and the runs older than the newest
    /// `keepRuns` (their per-run rows, and the finding intervals that ended before the oldest kept run),
    /// then the records no interval uses. One transaction. Then, when more than `vacuumAbove` of the
    /// file's pages are free, rewrites it (`VACUUM`) so that it shrinks.
    public func prune(untaggedBefore: String?, keepRuns: Int?, vacuumAbove: Double = 0.2) throws(StoreError) -> PruneOutcome {
        var outcome = PruneOutcome()
        outcome.bytesBefore = fileBytes()
        try write("prune the store") { db in
            if let untaggedBefore {
                try db.execute(sql: """
                    CREATE TEMP TABLE prunedImages (digest TEXT PRIMARY KEY NOT NULL);
                    INSERT INTO prunedImages (digest)
                        SELECT i.digest FROM images i
                        WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.digest = i.digest)
                            AND NOT EXISTS (SELECT 1 FROM tagHistory h WHERE h.digest = i.digest AND h.until IS NULL)
                            AND COALESCE((SELECT MAX(h.until) FROM tagHistory h WHERE h.digest = i.digest), i.firstSeen) < ?;
                    """, arguments: [untaggedBefore])
                outcome.imagesDeleted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prunedImages") ?? 0
                if outcome.imagesDeleted > 0 {
                    try db.execute(sql: "DELETE FROM findingIntervals WHERE imageDigest IN (SELECT digest FROM prunedImages)")
                    outcome.intervalsDeleted += db.changesCount
                    for table in ["imageRuns", "evaluationWarnings"] {
                        try db.execute(sql: "DELETE FROM \(table) WHERE imageDigest IN (SELECT digest FROM prunedImages)")
                    }
                    for table in ["tagHistory", "imagesToEvaluate", "imageKeySets"] {
                        try db.execute(sql: "DELETE FROM \(table) WHERE digest IN (SELECT digest FROM prunedImages)")
                    }
                    // Packages and files go with the image (ON DELETE CASCADE).
                    try db.execute(sql: "DELETE FROM images WHERE digest IN (SELECT digest FROM prunedImages)")
                }
                try db.execute(sql: "DROP TABLE prunedImages")
            }
            if let keepRuns, let oldestKept = try Int64.fetchOne(db, sql: "SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?",
                                                                  arguments: [max(keepRuns, 1) - 1]) {
                // Their image trends and warnings go with the runs (ON DELETE CASCADE).
                try db.execute(sql: "DELETE FROM runs WHERE id < ?", arguments: [oldestKept])
                outcome.runsDeleted = db.changesCount
                try db.execute(sql: "DELETE FROM webhookFailures WHERE runID < ?", arguments: [oldestKept])
                try db.execute(sql: "DELETE FROM findingIntervals WHERE lastRun < ?", arguments: [oldestKept])
                outcome.intervalsDeleted += db.changesCount
                try db.execute(sql: "DELETE FROM epssIntervals WHERE lastRun < ?", arguments: [oldestKept])
            }
            if outcome.intervalsDeleted > 0 {
                try db.execute(sql: "DELETE FROM findingRecords WHERE id NOT IN (SELECT recordID FROM findingIntervals)")
                outcome.recordsDeleted = db.changesCount
            }
        }
        do {
            let pages = try writer.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0, try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1)
            }
            if Double(pages.0) > vacuumAbove * Double(pages.1) {
                try writer.writeWithoutTransaction { db in
                    try db.execute(sql: "VACUUM")
                    try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                }
                outcome.vacuumed = true
            }
        } catch {
            throw StoreError(operation: "shrink the store", path: path, reason: .database(Self.message(error)))
        }
        outcome.bytesAfter = fileBytes()
        return outcome
    }

    /// The size of the store's file and its write-ahead log.
    func fileBytes() -> Int64 {
        [path, path + "-wal"].reduce(Int64(0)) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
