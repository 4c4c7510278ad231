import Crypto
import Foundation
import GRDB
import ScoutModel

extension ScoutStore {
    /// What re-evaluation needs to read only what changed (issue 15.3): each advisory's digest (computed
    /// once at import) and the match keys and vulnerability ids it is indexed under; per match key the
    /// sequence number of the import that last changed its advisories or their CVSS records; per image the
    /// set of keys its packages look up (images share sets). A run records the sequence it matched up to.
    /// Existing advisories and images are backfilled; the first run after this migration matches everything
    /// (the run before it recorded no sequence), and `matchBasis` (per-run fingerprints) is emptied.
    static func registerMatchKeysMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-match-keys") { db in
            try db.execute(sql: """
                ALTER TABLE advisories ADD COLUMN digest BLOB;
                ALTER TABLE advisories ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE advisoryKeys (
                    key TEXT NOT NULL,
                    source TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (key, source, id)
                ) WITHOUT ROWID;
                CREATE INDEX advisoryKeys_by_record ON advisoryKeys(source, id);
                CREATE TABLE advisoryReferences (
                    vulnerabilityID TEXT NOT NULL,
                    source TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (vulnerabilityID, source, id)
                ) WITHOUT ROWID;
                CREATE INDEX advisoryReferences_by_record ON advisoryReferences(source, id);
                CREATE TABLE matchKeyChanges (
                    key TEXT PRIMARY KEY NOT NULL,
                    sequence INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX matchKeyChanges_by_sequence ON matchKeyChanges(sequence);
                CREATE TABLE matchKeySets (
                    id INTEGER PRIMARY KEY,
                    hash BLOB NOT NULL UNIQUE
                );
                CREATE TABLE matchKeySetKeys (
                    key TEXT NOT NULL,
                    keySet INTEGER NOT NULL,
                    PRIMARY KEY (key, keySet)
                ) WITHOUT ROWID;
                CREATE TABLE imageKeySets (
                    digest TEXT PRIMARY KEY NOT NULL,
                    keySet INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX imageKeySets_by_keySet ON imageKeySets(keySet);
                ALTER TABLE runs ADD COLUMN advisorySequence INTEGER;
                DELETE FROM matchBasis;
                """)
            try backfillAdvisoryKeys(db)
            try backfillImageKeySets(db)
        }
    }

    /// Digest, withdrawn flag, keys and ids of every stored advisory. A record that does not decode is
    /// left unindexed: a full re-evaluation still reads it and reports the damage.
    private static func backfillAdvisoryKeys(_ db: Database) throws {
        let decoder = JSONDecoder()
        let update = try db.makeStatement(sql: "UPDATE advisories SET digest = ?, withdrawn = ? WHERE source = ? AND id = ?")
        let index = try AdvisoryKeyStatements(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT source, id, record FROM advisories")
        while let row = try rows.next() {
            let source: String = row[0]
            let id: String = row[1]
            let text: String = row[2]
            guard let advisory = try? decoder.decode(Advisory.self, from: Data(text.utf8)) else { continue }
            try update.execute(arguments: [advisoryDigest(text), advisory.withdrawn != nil, source, id])
            try index.insert(advisory, source: source)
        }
    }

    /// The key set of every stored image, from its packages and OS release.
    private static func backfillImageKeySets(_ db: Database) throws {
        let decoder = JSONDecoder()
        var osEcosystems: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT digest, os FROM images WHERE os IS NOT NULL") {
            let text: String = row[1]
            if let ecosystem = (try? decoder.decode(OSRelease.self, from: Data(text.utf8)))?.osvEcosystem { osEcosystems[row[0]] = ecosystem }
        }
        var keys: Set<String> = []
        var current: String?
        let rows = try Row.fetchCursor(db, sql: "SELECT imageDigest, type, name, sourceName FROM packages ORDER BY imageDigest")
        while let row = try rows.next() {
            let digest: String = row[0]
            if digest != current {
                if let current { try recordKeySet(db, digest: current, keys: keys.sorted()) }
                current = digest
                keys = []
            }
            guard let type = PackageType(rawValue: row[1]),
                  let ecosystem = MatchKey.ecosystem(of: type, osEcosystem: osEcosystems[digest]) else { continue }
            let sourceName: String? = row[3]
            keys.insert(MatchKey.text(ecosystem: ecosystem, name: MatchKey.normalise(name: sourceName ?? row[2], ecosystem: ecosystem)))
        }
        if let current { try recordKeySet(db, digest: current, keys: keys.sorted()) }
        // Images without packages look nothing up: an empty set.
        for digest in try String.fetchAll(db, sql: "SELECT digest FROM images WHERE digest NOT IN (SELECT digest FROM imageKeySets)") {
            try recordKeySet(db, digest: digest, keys: [])
        }
    }

    /// Records that image `digest` looks up `keys` (sorted): a set already stored is shared.
    static func recordKeySet(_ db: Database, digest: String, keys: [String]) throws {
        let hash = Data(SHA256.hash(data: Data(keys.joined(separator: "\n").utf8)))
        let id: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM matchKeySets WHERE hash = ?", arguments: [hash]) {
            id = existing
        } else {
            try db.execute(sql: "INSERT INTO matchKeySets (hash) VALUES (?)", arguments: [hash])
            id = db.lastInsertedRowID
            let insert = try db.makeStatement(sql: "INSERT INTO matchKeySetKeys (key, keySet) VALUES (?, ?)")
            for key in keys { try insert.execute(arguments: [key, id]) }
        }
        try db.execute(sql: "INSERT OR REPLACE INTO imageKeySets (digest, keySet) VALUES (?, ?)", arguments: [digest, id])
    }

    /// The digest an advisory record is compared by from one import to the next: 16 bytes of its SHA-256.
    static func advisoryDigest(_ record: String) -> Data {
        Data(SHA256.hash(data: Data(record.utf8)).prefix(16))
    }
}

/// The statements that keep `advisoryKeys` and `advisoryReferences` in step with `advisories`.
struct AdvisoryKeyStatements {
    let deleteKeys: Statement
    let deleteReferences: Statement
    let insertKey: Statement
    let insertReference: Statement

    init(_ db: Database) throws {
        deleteKeys = try db.makeStatement(sql: "DELETE FROM advisoryKeys WHERE source = ? AND id = ?")
        deleteReferences = try db.makeStatement(sql: "DELETE FROM advisoryReferences WHERE source = ? AND id = ?")
        insertKey = try db.makeStatement(sql: "INSERT OR IGNORE INTO advisoryKeys (key, source, id) VALUES (?, ?, ?)")
        insertReference = try db.makeStatement(sql: "INSERT OR IGNORE INTO advisoryReferences (vulnerabilityID, source, id) VALUES (?, ?, ?)")
    }

    /// Indexes `advisory` (after removing what its id was indexed under before, if anything).
    func replace(_ advisory: Advisory, source: String) throws {
        try deleteKeys.execute(arguments: [source, advisory.id])
        try deleteReferences.execute(arguments: [source, advisory.id])
        try insert(advisory, source: source)
    }

    func insert(_ advisory: Advisory, source: String) throws {
        for key in MatchKey.keys(of: advisory) { try insertKey.execute(arguments: [key, source, advisory.id]) }
        for id in MatchKey.referencedIDs(of: advisory) { try insertReference.execute(arguments: [id, source, advisory.id]) }
    }
}
