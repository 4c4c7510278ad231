import Foundation
import GRDB
import ScoutModel

/// An image whose layers could not all be read is stored as incomplete (so the site can say so) but never
/// as its analysis: the next look-up by digest reads the image again, and a complete read replaces it.
extension ScoutStore {
    static func registerIncompleteImagesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-incomplete-images") { db in
            try db.execute(sql: "ALTER TABLE images ADD COLUMN incomplete INTEGER NOT NULL DEFAULT 0")
            // Images stored before warnings said so: their read failures are known by their messages.
            let rows = try Row.fetchAll(db, sql: "SELECT digest, warnings FROM images WHERE warnings != '[]'")
            for row in rows {
                let text: String = row["warnings"]
                guard var warnings = try? JSONDecoder().decode([ScanWarning].self, from: Data(text.utf8)) else { continue }
                var incomplete = false
                for index in warnings.indices where isLegacyReadFailure(warnings[index].message) {
                    warnings[index].incomplete = true
                    incomplete = true
                }
                guard incomplete else { continue }
                try db.execute(sql: "UPDATE images SET warnings = ?, incomplete = 1 WHERE digest = ?",
                               arguments: [try json(warnings), row["digest"] as String])
            }
        }
    }

    /// The messages LayerReader and the archive readers wrote for content they could not read.
    static func isLegacyReadFailure(_ message: String) -> Bool {
        message.hasPrefix("Failed to read layer '")
            || (message.hasPrefix("Skipped '") && message.hasSuffix("-byte limit."))
            || message.hasSuffix("the layers after the damage were not read.")
    }

    /// True when this digest is stored as a complete analysis: it need not be read again.
    public func hasCompleteImage(digest: String) throws(StoreError) -> Bool {
        try read("look up an image") { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM images WHERE digest = ? AND incomplete = 0)", arguments: [digest]) ?? false
        }
    }

    /// Removes the packages, files and record of an incomplete image before it is saved again (in the caller's transaction).
    static func dropIncompleteImage(_ db: Database, digest: String) throws -> Bool {
        guard try Bool.fetchOne(db, sql: "SELECT incomplete FROM images WHERE digest = ?", arguments: [digest]) == true else { return false }
        try db.execute(sql: "DELETE FROM packages WHERE imageDigest = ?", arguments: [digest])
        try db.execute(sql: "DELETE FROM imageFiles WHERE imageDigest = ?", arguments: [digest])
        return true
    }
}
