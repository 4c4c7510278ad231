import Foundation
import GRDB
import ScoutModel

/// What an incremental re-evaluation needs to know of the run before it.
public struct EvaluationBasis: Sendable {
    /// `MatchBasis.matchingVersion` of the run; nil when it was not recorded (a run before v5, or a run
    /// whose basis failed to land): the next run then matches everything.
    public var matchingVersion: Int?
    /// The advisory change sequence the run matched up to (`advisorySequence()`); nil for a run before
    /// v6: the next run then matches everything.
    public var advisorySequence: Int64?
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
            let run = try runID.flatMap { try Row.fetchOne(db, sql: "SELECT matchingVersion, advisorySequence FROM runs WHERE id = ?", arguments: [$0]) }
            return EvaluationBasis(
                matchingVersion: run?[0], advisorySequence: run?[1],
                evaluated: Set(try String.fetchAll(db, sql: "SELECT imageDigest FROM imageRuns WHERE runID = ?", arguments: [runID])),
                withWarnings: Set(try String.fetchAll(db, sql: "SELECT DISTINCT imageDigest FROM evaluationWarnings WHERE runID = ?", arguments: [runID])),
                saved: Set(try String.fetchAll(db, sql: "SELECT digest FROM imagesToEvaluate")))
        }
    }

    /// Records what run `runID` matched against: the matching version, the advisory change sequence it
    /// read the advisories at, and that the images `evaluatedSaved` saved before it are evaluated.
    public func recordEvaluationBasis(runID: Int64, matchingVersion: Int, advisorySequence: Int64,
                                      evaluatedSaved: Set<String>) throws(StoreError) {
        try write("record the basis of run \(runID)") { db in
            let done = try db.makeStatement(sql: "DELETE FROM imagesToEvaluate WHERE digest = ?")
            for digest in evaluatedSaved { try done.execute(arguments: [digest]) }
            try db.execute(sql: "UPDATE runs SET matchingVersion = ?, advisorySequence = ? WHERE id = ?",
                           arguments: [matchingVersion, advisorySequence, runID])
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
