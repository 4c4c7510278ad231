import Crypto
import Foundation
import GRDB
import ScoutModel

/// Writes runs' findings as intervals: one `findingIntervals` row per image digest and finding key while
/// its record, first-seen time and new flag stay the same, from the run it appeared in (`firstRun`) to
/// the last run it was seen in (`lastRun`, `openRun` while the newest run still has it). Each distinct
/// record is stored once in `findingRecords`, keyed by a hash of its text. A night on which nothing
/// changed writes no finding rows at all.
///
/// EPSS scores change every day (the feed's date at least) while the finding does not: the record keeps
/// only which CVE's score the finding shows, and the scores are kept per CVE as intervals of their own
/// (`epssIntervals`), so a new EPSS file costs a row per CVE of the fleet, not one per finding.
///
/// Used run after run (the v5 migration replays every stored run through it): `record` each finding of
/// a run, then `finish` the run, which closes the intervals the run no longer has.
struct FindingIntervalWriter {
    /// `lastRun` of an interval the newest run still has.
    static let openRun = Int64.max

    /// An interval the previous run ended with.
    struct OpenInterval {
        var rowID: Int64
        var hash: RecordHash
        var firstSeen: String
    }

    private let db: Database
    /// The open intervals of the previous run (`digest|key`), each removed as this run carries it over or replaces it.
    private var previous: [String: OpenInterval] = [:]
    /// The intervals this run ends with: the next run's `previous`.
    private var current: [String: OpenInterval] = [:]
    private var recordIDs: [RecordHash: Int64] = [:]
    /// The open EPSS intervals (CVE → row and score) and the scores this run's findings show.
    private var previousEPSS: [String: (rowID: Int64, score: EPSSScore)] = [:]
    private var currentEPSS: [String: EPSSScore] = [:]
    private let insertInterval: Statement
    private let closeInterval: Statement
    private let insertRecord: Statement
    private let findRecord: Statement
    /// Rows written so far: intervals and records added.
    private(set) var intervalsAdded = 0
    private(set) var recordsAdded = 0

    /// Starts after the newest recorded run: its open intervals are the ones to carry over.
    init(db: Database) throws {
        self.db = db
        insertInterval = try db.makeStatement(sql: """
            INSERT INTO findingIntervals (imageDigest, findingKey, firstRun, lastRun, severity, firstSeen, isNew, recordID)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        closeInterval = try db.makeStatement(sql: "UPDATE findingIntervals SET lastRun = ? WHERE rowid = ?")
        insertRecord = try db.makeStatement(sql: "INSERT INTO findingRecords (hash, record) VALUES (?, ?) ON CONFLICT(hash) DO NOTHING")
        findRecord = try db.makeStatement(sql: "SELECT id FROM findingRecords WHERE hash = ?")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT i.rowid, i.imageDigest, i.findingKey, i.firstSeen, r.hash
            FROM findingIntervals i JOIN findingRecords r ON r.id = i.recordID WHERE i.lastRun = ?
            """, arguments: [Self.openRun])
        while let row = try rows.next() {
            previous["\(row[1] as String)|\(row[2] as String)"] = OpenInterval(rowID: row[0], hash: RecordHash(row[4] as Data), firstSeen: row[3])
        }
        for row in try Row.fetchAll(db, sql: "SELECT rowid, cveID, score, percentile, date FROM epssIntervals WHERE lastRun = ?",
                                    arguments: [Self.openRun]) {
            previousEPSS[row[1]] = (row[0], EPSSScore(cveID: row[1], score: row[2], percentile: row[3], date: row[4]))
        }
    }

    /// When the finding `key` of image `digest` was first seen, if the previous run had it.
    func firstSeen(digest: String, key: String) -> String? {
        previous["\(digest)|\(key)"]?.firstSeen
    }

    /// Records one finding of run `runID`; `record` is its `ScoutStore.storedRecord` (without the
    /// first-seen time and new flag, which are the interval's, and with only the CVE of its EPSS score,
    /// which is `epss`). Carried over when the previous run had the same; otherwise the previous interval
    /// (if any) is closed at `previousRun` and a new one begins.
    mutating func record(runID: Int64, previousRun: Int64?, digest: String, key: String, severity: String,
                         firstSeen: String, isNew: Bool, record: String, epss: EPSSScore?) throws {
        // One table gives every finding of a run its scores: the first finding to show a CVE's score sets it.
        if let epss, currentEPSS[epss.cveID] == nil { currentEPSS[epss.cveID] = epss }
        let identity = "\(digest)|\(key)"
        let hash = Self.hash(record)
        if let open = previous.removeValue(forKey: identity) {
            if open.hash == hash && open.firstSeen == firstSeen && !isNew {
                current[identity] = open
                return
            }
            try closeInterval.execute(arguments: [previousRun ?? runID - 1, open.rowID])
        }
        let recordID = try recordID(hash: hash, record: record)
        try insertInterval.execute(arguments: [digest, key, runID, Self.openRun, severity, firstSeen, isNew, recordID])
        intervalsAdded += 1
        current[identity] = OpenInterval(rowID: db.lastInsertedRowID, hash: hash, firstSeen: firstSeen)
    }

    /// How many of the previous run's findings this run has not recorded (yet), among the images `included` accepts.
    func droppedCount(where included: (String) -> Bool) -> Int {
        previous.keys.reduce(0) { count, identity in count + (included(String(identity.prefix { $0 != "|" })) ? 1 : 0) }
    }

    /// Ends run `runID`: the intervals the previous run had and this one did not are closed at
    /// `previousRun`; the EPSS scores that changed begin new intervals.
    mutating func finish(runID: Int64, previousRun: Int64?) throws {
        if let previousRun {
            for open in previous.values { try closeInterval.execute(arguments: [previousRun, open.rowID]) }
        }
        previous = current
        current = [:]
        let closeEPSS = try db.makeStatement(sql: "UPDATE epssIntervals SET lastRun = ? WHERE rowid = ?")
        let insertEPSS = try db.makeStatement(sql: """
            INSERT INTO epssIntervals (cveID, firstRun, lastRun, score, percentile, date) VALUES (?, ?, ?, ?, ?, ?)
            """)
        var next: [String: (rowID: Int64, score: EPSSScore)] = [:]
        for (cveID, score) in currentEPSS {
            if let open = previousEPSS.removeValue(forKey: cveID) {
                if open.score == score {
                    next[cveID] = open
                    continue
                }
                try closeEPSS.execute(arguments: [previousRun ?? runID - 1, open.rowID])
            }
            try insertEPSS.execute(arguments: [cveID, runID, Self.openRun, score.score, score.percentile, score.date])
            next[cveID] = (db.lastInsertedRowID, score)
        }
        for open in previousEPSS.values { try closeEPSS.execute(arguments: [previousRun ?? runID - 1, open.rowID]) }
        previousEPSS = next
        currentEPSS = [:]
    }

    private mutating func recordID(hash: RecordHash, record: String) throws -> Int64 {
        if let id = recordIDs[hash] { return id }
        try insertRecord.execute(arguments: [hash.data, record])
        let id: Int64
        if db.changesCount > 0 {
            id = db.lastInsertedRowID
            recordsAdded += 1
        } else {
            id = try Int64.fetchOne(findRecord, arguments: [hash.data]) ?? 0
        }
        recordIDs[hash] = id
        return id
    }

    /// The first 16 bytes of the record's SHA-256: its key in `findingRecords`.
    static func hash(_ record: String) -> RecordHash {
        RecordHash(Data(SHA256.hash(data: Data(record.utf8)).prefix(16)))
    }
}
