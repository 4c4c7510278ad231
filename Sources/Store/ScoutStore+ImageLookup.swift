import Foundation
import GRDB
import ScoutModel

extension ScoutStore {
    /// The stored image with this manifest digest and its packages, or nil: one image read, not all
    /// (a nightly run asks this for every already-analysed digest).
    public func image(digest: String) throws(StoreError) -> StoredImage? {
        let path = self.path
        let operation = "read the image '\(digest)'"
        return try read(operation) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM images WHERE digest = ?", arguments: [digest]) else { return nil }
            var packages: [Package] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM packages WHERE imageDigest = ? ORDER BY position", arguments: [digest])
            while let package = try rows.next() {
                guard let type = PackageType(rawValue: package["type"]) else {
                    throw StoreError(operation: operation, path: path, reason: .corruptRecord("package type"))
                }
                packages.append(Package(
                    type: type, name: package["name"], version: package["version"],
                    sourceName: package["sourceName"], sourceVersion: package["sourceVersion"], purl: package["purl"],
                    licenses: try Self.decode([String].self, package["licenses"], what: "licence list", operation: operation, path: path),
                    layerDiffID: package["layerDiffID"],
                    locations: try Self.decode([String].self, package["locations"], what: "location list", operation: operation, path: path),
                    cataloger: package["cataloger"], architecture: package["architecture"]))
            }
            let tags = try Row.fetchAll(db, sql: "SELECT repository, tag FROM tags WHERE digest = ? ORDER BY repository, tag", arguments: [digest])
            let metadata = try Self.decode(ImageMetadata.self, row["metadata"], what: "image metadata", operation: operation, path: path)
            let osText: String? = row["os"]
            let os = try osText.map { try Self.decode(OSRelease.self, $0, what: "OS release", operation: operation, path: path) }
            let warnings = try Self.decode([ScanWarning].self, row["warnings"], what: "warning list", operation: operation, path: path)
            StoreReadStatistics.shared.countSBOMs(1, path: path)
            return StoredImage(
                sbom: ImageSBOM(metadata: metadata, os: os, packages: packages, warnings: warnings),
                source: row["source"], firstSeen: row["firstSeen"],
                tags: tags.map { (repository: $0["repository"], tag: $0["tag"]) })
        }
    }

    /// How many packages the stored image with this digest has, or nil when it is not stored or stored
    /// incomplete: what a nightly run needs of an image it will not read again, without decoding its packages.
    public func storedPackageCount(digest: String) throws(StoreError) -> Int? {
        try read("count the packages of '\(digest)'") { db in
            // One statement: a warm run asks this for every image.
            guard let row = try Row.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM images WHERE digest = ? AND incomplete = 0), (SELECT COUNT(*) FROM packages WHERE imageDigest = ?)
                """, arguments: [digest, digest]), row[0] as Bool else { return nil }
            return row[1] as Int
        }
    }
}
