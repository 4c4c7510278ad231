import Foundation
import GRDB

/// Finds, while an import replaces one source's records, the match keys whose advisories were added,
/// changed or withdrawn (or whose CVSS records changed), and stamps them with the import's sequence
/// number in `matchKeyChanges`: re-evaluation reads that small table instead of comparing every record.
struct AdvisoryChangeTracker {
    let source: String
    /// Before the import: each advisory's digest and keys, each vulnerability id's CVSS records (hashed).
    private var digests: [String: Data?] = [:]
    private var keys: [String: [String]] = [:]
    private var cvss: [String: Int] = [:]

    /// Reads what `source` holds now and un-indexes it (the import indexes what it writes). Call before
    /// the source's records are deleted.
    init(_ db: Database, source: String) throws {
        self.source = source
        for row in try Row.fetchAll(db, sql: "SELECT id, digest FROM advisories WHERE source = ?", arguments: [source]) {
            digests[row[0]] = row[1] as Data?
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, key FROM advisoryKeys WHERE source = ?", arguments: [source]) {
            keys[row[0], default: []].append(row[1])
        }
        cvss = try Self.cvssHashes(db, source: source)
        try db.execute(sql: "DELETE FROM advisoryKeys WHERE source = ?", arguments: [source])
        try db.execute(sql: "DELETE FROM advisoryReferences WHERE source = ?", arguments: [source])
    }

    /// Compares with what the source holds now (its new records written and indexed) and stamps the
    /// keys that changed; returns them.
    @discardableResult
    func recordChanges(_ db: Database) throws -> Set<String> {
        var touched: Set<String> = []
        var gone = digests
        var newKeys: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, key FROM advisoryKeys WHERE source = ?", arguments: [source]) {
            newKeys[row[0], default: []].append(row[1])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, digest FROM advisories WHERE source = ?", arguments: [source]) {
            let id: String = row[0]
            let digest: Data? = row[1]
            // A record without a digest (not indexed) counts as changed.
            if digest == nil || gone.removeValue(forKey: id) != .some(digest) {
                touched.formUnion(keys[id] ?? [])
                touched.formUnion(newKeys[id] ?? [])
            }
        }
        for id in gone.keys { touched.formUnion(keys[id] ?? []) }
        let now = try Self.cvssHashes(db, source: source)
        let referencing = try db.makeStatement(sql: """
            SELECT DISTINCT k.key FROM advisoryReferences r JOIN advisoryKeys k ON k.source = r.source AND k.id = r.id
            WHERE r.vulnerabilityID = ?
            """)
        for id in Set(cvss.keys).union(now.keys) where cvss[id] != now[id] {
            touched.formUnion(try String.fetchAll(referencing, arguments: [id]))
        }
        guard !touched.isEmpty else { return [] }
        let sequence = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM matchKeyChanges") ?? 0) + 1
        let stamp = try db.makeStatement(sql: "INSERT OR REPLACE INTO matchKeyChanges (key, sequence) VALUES (?, ?)")
        for key in touched { try stamp.execute(arguments: [key, sequence]) }
        return touched
    }

    /// A hash of each vulnerability id's CVSS records in `source`, in the order matching reads them.
    private static func cvssHashes(_ db: Database, source: String) throws -> [String: Int] {
        var hashers: [String: Hasher] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT vulnerabilityID, vector, score, scorer, isPrimary, description, published FROM cvss
            WHERE source = ? ORDER BY vulnerabilityID, isPrimary DESC, rowid
            """, arguments: [source])
        while let row = try rows.next() {
            let id: String = row[0]
            var hasher = hashers[id] ?? Hasher()
            hasher.combine(row[1] as String)
            hasher.combine(row[2] as Double)
            hasher.combine(row[3] as String)
            hasher.combine(row[4] as Bool)
            hasher.combine(row[5] as String?)
            hasher.combine(row[6] as String?)
            hashers[id] = hasher
        }
        return hashers.mapValues { $0.finalize() }
    }
}
