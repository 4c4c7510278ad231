import Foundation
import GRDB
import ScoutModel

/// What an incremental re-evaluation needs to know of the run before it.
public struct EvaluationBasis: Sendable {
    /// `MatchBasis.matchingVersion` of the run; nil when it was not recorded (a run before v5, or a run
    /// whose basis failed to land): the next run then matches everything.
    public var matchingVersion: Int?
    /// Match key → fingerprint of its advisories, as the run matched them.
    public var fingerprints: [String: Data]
    /// Images the run evaluated.
    public var evaluated: Set<String>
    /// Images whose evaluation gave warnings.
    public var withWarnings: Set<String>
    /// Images saved (new, or re-analysed) since the run: their packages may differ from what it matched.
    public var saved: Set<String>
}

extension ScoutStore {
    /// The basis of run `runID` (nil: before the first run) for the next, incremental, re-evaluation.
    public func evaluationBasis(ofRun runID: Int64?) throws(StoreError) -> EvaluationBasis {
        try read("read the basis of the latest run") { db in
            let version = try runID.flatMap { try Int.fetchOne(db, sql: "SELECT matchingVersion FROM runs WHERE id = ?", arguments: [$0]) }
            var fingerprints: [String: Data] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, fingerprint FROM matchBasis") { fingerprints[row[0]] = row[1] }
            return EvaluationBasis(
                matchingVersion: version, fingerprints: fingerprints,
                evaluated: Set(try String.fetchAll(db, sql: "SELECT imageDigest FROM imageRuns WHERE runID = ?", arguments: [runID])),
                withWarnings: Set(try String.fetchAll(db, sql: "SELECT DISTINCT imageDigest FROM evaluationWarnings WHERE runID = ?", arguments: [runID])),
                saved: Set(try String.fetchAll(db, sql: "SELECT digest FROM imagesToEvaluate")))
        }
    }

    /// Records what run `runID` matched against: the matching version, each key's fingerprint (only the
    /// changed ones are written), and that the images `evaluatedSaved` saved before it are evaluated.
    public func recordEvaluationBasis(runID: Int64, matchingVersion: Int, fingerprints: [String: Data],
                                      previous: [String: Data], evaluatedSaved: Set<String>) throws(StoreError) {
        try write("record the basis of run \(runID)") { db in
            let upsert = try db.makeStatement(sql: "INSERT OR REPLACE INTO matchBasis (key, fingerprint) VALUES (?, ?)")
            for (key, fingerprint) in fingerprints where previous[key] != fingerprint { try upsert.execute(arguments: [key, fingerprint]) }
            let delete = try db.makeStatement(sql: "DELETE FROM matchBasis WHERE key = ?")
            for key in previous.keys where fingerprints[key] == nil { try delete.execute(arguments: [key]) }
            let done = try db.makeStatement(sql: "DELETE FROM imagesToEvaluate WHERE digest = ?")
            for digest in evaluatedSaved { try done.execute(arguments: [digest]) }
            try db.execute(sql: "UPDATE runs SET matchingVersion = ? WHERE id = ?", arguments: [matchingVersion, runID])
        }
    }

    /// The findings of run `runID` of the images in `digests` only, most urgent first.
    public func findings(ofRun runID: Int64, images digests: Set<String>) throws(StoreError) -> [String: [Finding]] {
        let path = self.path
        return try read("read the findings of run \(runID)") { db in
            try Self.decodedFindings(db, runID: runID, operation: "read the findings", path: path, images: digests)
        }
    }
}
