import Foundation
import GRDB
import GRDBSQLite

/// Reads the header blobs of an SQLite rpm database (`rpmdb.sqlite`, rpm ≥ 4.16): table
/// `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`. The bytes are handed to SQLite in memory
/// (`sqlite3_deserialize`, read-only): no temporary file, nothing written.
enum RpmSQLiteReader {
    static let magic = Array("SQLite format 3\0".utf8)

    /// Header blobs in `hnum` order.
    static func blobs(_ bytes: [UInt8]) throws(RpmHeader.FormatError) -> [[UInt8]] {
        guard bytes.starts(with: magic), bytes.count >= 100 else {
            throw RpmHeader.FormatError(message: "the file is not an SQLite 3 database")
        }
        var image = bytes
        // A WAL-mode database (write/read versions 2) cannot be deserialized; its WAL is not part of
        // the file anyway, so read it as a rollback-journal database.
        if image[18] == 2 { image[18] = 1 }
        if image[19] == 2 { image[19] = 1 }
        do {
            let queue = try DatabaseQueue()
            return try queue.inDatabase { db in
                try deserialize(image, into: db)
                var blobs: [[UInt8]] = []
                let rows = try Row.fetchCursor(db, sql: "SELECT blob FROM Packages ORDER BY hnum")
                while let row = try rows.next() {
                    if let data = row[0] as Data? { blobs.append([UInt8](data)) }
                }
                return blobs
            }
        } catch let error as RpmHeader.FormatError {
            throw error
        } catch let error as DatabaseError {
            throw RpmHeader.FormatError(message: "SQLite could not read table 'Packages' (\(error.resultCode): \(error.message ?? "no message"))")
        } catch {
            throw RpmHeader.FormatError(message: "SQLite could not read table 'Packages' (\(error))")
        }
    }

    /// Replaces the connection's `main` database with a read-only copy of `image`, owned by SQLite.
    private static func deserialize(_ image: [UInt8], into db: Database) throws {
        guard let buffer = sqlite3_malloc64(UInt64(image.count)) else {
            throw RpmHeader.FormatError(message: "SQLite could not allocate \(image.count) bytes")
        }
        image.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: image.count) }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
        let code = sqlite3_deserialize(db.sqliteConnection, "main", buffer.assumingMemoryBound(to: UInt8.self),
                                       Int64(image.count), Int64(image.count), flags)
        guard code == SQLITE_OK else {
            throw RpmHeader.FormatError(message: "SQLite refused the database image (code \(code))")
        }
    }
}
