import Foundation
import GRDB
import ScoutModel

extension ScoutStore {
    /// The sequence number of the latest import that changed some match key's advisories (0: none yet).
    public func advisorySequence() throws(StoreError) -> Int64 {
        try read("read the advisory change sequence") { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM matchKeyChanges") ?? 0
        }
    }

    /// The match keys whose advisories (or their CVSS records) changed after import `sequence`.
    public func changedMatchKeys(since sequence: Int64) throws(StoreError) -> Set<String> {
        try read("read the changed match keys") { db in
            Set(try String.fetchAll(db, sql: "SELECT key FROM matchKeyChanges WHERE sequence > ?", arguments: [sequence]))
        }
    }

    /// The images whose packages look up any of `keys`, and those whose keys are not recorded.
    public func imagesLookingUp(_ keys: Set<String>) throws(StoreError) -> Set<String> {
        try read("find the images that look up the changed keys") { db in
            var digests = Set(try String.fetchAll(db, sql: "SELECT digest FROM images WHERE digest NOT IN (SELECT digest FROM imageKeySets)"))
            guard !keys.isEmpty else { return digests }
            digests.formUnion(try String.fetchAll(db, sql: """
                SELECT DISTINCT i.digest FROM imageKeySets i
                WHERE i.keySet IN (SELECT keySet FROM matchKeySetKeys WHERE key IN (SELECT value FROM json_each(?)))
                """, arguments: [try Self.json(keys.sorted())]))
            return digests
        }
    }

    /// The stored records of the advisories indexed under `keys` (withdrawn ones included) grouped by
    /// source (sorted by source, then id), undecoded, and the CVSS records of the ids they name: what
    /// matching packages that look up `keys` reads, as `advisoryRecords()` gives it for every key.
    public func advisoryRecords(keys: Set<String>) throws(StoreError) -> (sources: [(name: String, records: [Data])], cvss: [CVSSRecord]) {
        try read("read the advisories of the changed keys") { db in
            let list = try Self.json(keys.sorted())
            let sources = try Self.recordsBySource(Row.fetchCursor(db, sql: """
                SELECT source, record FROM advisories
                WHERE (source, id) IN (SELECT source, id FROM advisoryKeys WHERE key IN (SELECT value FROM json_each(?)))
                ORDER BY source, id
                """, arguments: [list]))
            let cvss = try Row.fetchAll(db, sql: """
                SELECT * FROM cvss WHERE vulnerabilityID IN (
                    SELECT r.vulnerabilityID FROM advisoryReferences r JOIN advisoryKeys k ON k.source = r.source AND k.id = r.id
                    WHERE k.key IN (SELECT value FROM json_each(?)))
                ORDER BY vulnerabilityID, isPrimary DESC, rowid
                """, arguments: [list]).map { row in
                CVSSRecord(vulnerabilityID: row["vulnerabilityID"], vector: row["vector"], score: row["score"],
                           scorer: row["scorer"], isPrimary: row["isPrimary"], description: row["description"],
                           published: row["published"])
            }
            return (sources, cvss)
        }
    }

    /// How many stored advisories are not withdrawn (what a full advisory index holds).
    public func activeAdvisoryCount() throws(StoreError) -> Int {
        try read("count the advisories") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM advisories WHERE withdrawn = 0") ?? 0
        }
    }

    /// Every stored image's digest (sorted) with the (repository, tag) pairs pointing at it, sorted: who
    /// an image is, without its SBOM.
    public func imageIdentities() throws(StoreError) -> [(digest: String, tags: [(repository: String, tag: String)])] {
        try read("read the image identities") { db in
            var tagsByDigest: [String: [(String, String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, tag, digest FROM tags ORDER BY repository, tag") {
                tagsByDigest[row[2], default: []].append((row[0], row[1]))
            }
            return try String.fetchAll(db, sql: "SELECT digest FROM images ORDER BY digest").map { digest in
                (digest: digest, tags: (tagsByDigest[digest] ?? []).map { (repository: $0.0, tag: $0.1) })
            }
        }
    }
}

extension ScoutStore {
    /// Every match key the packages of the images `digests` look up, from their recorded key sets; nil
    /// when one of them has none recorded (its SBOM must then be read to know).
    public func matchKeys(ofImages digests: Set<String>) throws(StoreError) -> Set<String>? {
        try read("read the match keys of the images") { db in
            let list = try Self.json(digests.sorted())
            let recorded = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM imageKeySets WHERE digest IN (SELECT value FROM json_each(?))",
                                            arguments: [list]) ?? 0
            guard recorded == digests.count else { return nil }
            return Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT key FROM matchKeySetKeys
                WHERE keySet IN (SELECT keySet FROM imageKeySets WHERE digest IN (SELECT value FROM json_each(?)))
                """, arguments: [list]))
        }
    }
}
