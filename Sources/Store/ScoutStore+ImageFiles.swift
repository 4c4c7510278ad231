import GRDB
import ScoutModel

extension ScoutStore {
    /// Keeps files read from an image beside its SBOM (VEX documents found inside it), for re-evaluation
    /// without reading the image again. Files already stored for the digest are replaced.
    public func saveImageFiles(digest: String, files: [String: [UInt8]]) throws(StoreError) {
        try write("save the files of '\(digest)'") { db in
            try db.execute(sql: "DELETE FROM imageFiles WHERE imageDigest = ?", arguments: [digest])
            for path in files.keys.sorted() {
                try db.execute(sql: "INSERT INTO imageFiles (imageDigest, path, content) VALUES (?, ?, ?)",
                               arguments: [digest, path, Data(files[path]!)])
            }
        }
    }

    /// The stored files of one image, path → content.
    public func imageFiles(digest: String) throws(StoreError) -> [String: [UInt8]] {
        try read("read the files of '\(digest)'") { db in
            var result: [String: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, content FROM imageFiles WHERE imageDigest = ?", arguments: [digest]) {
                let content: Data = row["content"]
                result[row["path"]] = [UInt8](content)
            }
            return result
        }
    }

    /// Every stored image file, digest → path → content.
    public func imageFiles() throws(StoreError) -> [String: [String: [UInt8]]] {
        try read("read the image files") { db in
            var result: [String: [String: [UInt8]]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT imageDigest, path, content FROM imageFiles ORDER BY imageDigest, path") {
                let content: Data = row["content"]
                result[row["imageDigest"], default: [:]][row["path"]] = [UInt8](content)
            }
            return result
        }
    }
}

import Foundation
