import Foundation
import GRDB
import ScoutModel

/// An image as kept in the store, with where it came from.
public struct StoredImage: Sendable, Hashable {
    public var sbom: ImageSBOM
    public var source: String
    public var firstSeen: String
    /// (repository, tag) pairs pointing at this digest, sorted.
    public var tags: [(repository: String, tag: String)]

    public static func == (lhs: StoredImage, rhs: StoredImage) -> Bool {
        lhs.sbom == rhs.sbom && lhs.source == rhs.source && lhs.firstSeen == rhs.firstSeen
            && lhs.tags.map { "\($0.repository):\($0.tag)" } == rhs.tags.map { "\($0.repository):\($0.tag)" }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(sbom.metadata.manifestDigest) }
}

extension ScoutStore {
    /// True when this manifest digest was analysed before: it is never read again.
    public func hasImage(digest: String) throws(StoreError) -> Bool {
        try read("look up an image") { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM images WHERE digest = ?)", arguments: [digest]) ?? false
        }
    }

    /// Keeps an image's SBOM for ever (one transaction); a digest already stored is left as it is,
    /// unless it was stored incomplete: then this read replaces it (keeping when it was first seen).
    public func saveImage(_ sbom: ImageSBOM, source: String, at time: String) throws(StoreError) {
        try write("save the image '\(sbom.metadata.manifestDigest)'") { db in
            let digest = sbom.metadata.manifestDigest
            let arguments: StatementArguments = [
                try Self.json(sbom.metadata), try sbom.os.map(Self.json), try Self.json(sbom.warnings), source, sbom.isIncomplete, digest,
            ]
            if try Self.dropIncompleteImage(db, digest: digest) {
                try db.execute(sql: "UPDATE images SET metadata = ?, os = ?, warnings = ?, source = ?, incomplete = ? WHERE digest = ?",
                               arguments: arguments)
            } else {
                guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM images WHERE digest = ?)", arguments: [digest]) ?? false) else { return }
                try db.execute(
                    sql: "INSERT INTO images (metadata, os, warnings, source, incomplete, digest, firstSeen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: arguments + [time])
            }
            let statement = try db.makeStatement(sql: """
                INSERT INTO packages (imageDigest, position, type, name, version, sourceName, sourceVersion, purl,
                    licenses, layerDiffID, locations, cataloger, architecture)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, package) in sbom.packages.enumerated() {
                try statement.execute(arguments: [
                    digest, position, package.type.rawValue, package.name, package.version, package.sourceName,
                    package.sourceVersion, package.purl, try Self.json(package.licenses), package.layerDiffID,
                    try Self.json(package.locations), package.cataloger, package.architecture,
                ])
            }
            // What its packages look up: re-evaluation finds the images an advisory change touches by it.
            try Self.recordKeySet(db, digest: digest, keys: MatchKey.keys(of: sbom.packages, osEcosystem: sbom.os?.osvEcosystem))
            // Its packages are new or replaced: the next re-evaluation matches it again.
            try db.execute(sql: "INSERT OR IGNORE INTO imagesToEvaluate (digest) VALUES (?)", arguments: [digest])
        }
    }

    /// Points `repository:tag` at `digest` (a re-pushed tag moves; the old digest's SBOM stays).
    public func recordTag(repository: String, tag: String, digest: String, source: String, at time: String) throws(StoreError) {
        try write("record the tag '\(repository):\(tag)'") { db in
            try Self.recordTag(db, repository: repository, tag: tag, digest: digest, source: source, at: time)
        }
    }

    /// `recordTag` inside a caller's transaction. A tag that still points at the same digest from the
    /// same source is left untouched (no page written).
    static func recordTag(_ db: Database, repository: String, tag: String, digest: String, source: String, at time: String) throws {
        try recordTagHistory(db, repository: repository, tag: tag, digest: digest, at: time)
        try db.cachedStatement(sql: """
            INSERT INTO tags (repository, tag, digest, source, updatedAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(repository, tag) DO UPDATE SET digest = excluded.digest, source = excluded.source,
                updatedAt = CASE WHEN tags.digest = excluded.digest THEN tags.updatedAt ELSE excluded.updatedAt END
            WHERE tags.digest != excluded.digest OR tags.source != excluded.source
            """).execute(arguments: [repository, tag, digest, source, time])
    }

    /// Every stored image with its packages, sorted by digest; only those in `digests` when given (the
    /// others' SBOMs are not read), and with only the packages whose name or source name is in `names`
    /// when given (the other package rows are not decoded).
    public func images(only digests: Set<String>? = nil, packagesNamed names: Set<String>? = nil) throws(StoreError) -> [StoredImage] {
        let path = self.path
        let filter = digests == nil ? "" : "WHERE imageDigest IN (SELECT value FROM json_each(?))"
        let nameFilter = names == nil ? "" : """
            \(digests == nil ? "WHERE" : "AND") (name IN (SELECT value FROM json_each(?)) OR sourceName IN (SELECT value FROM json_each(?)))
            """
        return try read("read the images") { db in
            let arguments: StatementArguments = try digests.map { [try Self.json($0.sorted())] } ?? []
            let nameArguments: StatementArguments = try names.map { let list = try Self.json($0.sorted()); return [list, list] } ?? []
            var packagesByDigest: [String: [Package]] = [:]
            // Columns by position (GRDB's lookup by name costs more than reading the value), and one
            // dictionary update per image rather than per package: rows come grouped by digest.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT imageDigest, type, name, version, sourceName, sourceVersion, purl, licenses, layerDiffID,
                    locations, cataloger, architecture FROM packages \(filter) \(nameFilter) ORDER BY imageDigest, position
                """, arguments: arguments + nameArguments)
            var currentDigest = ""
            var current: [Package] = []
            // Images built on the same base layers hold the same package rows: each distinct row is
            // decoded once and its value shared (its strings too), so a fleet of 3,000 images × 300
            // packages keeps about as many package values in memory as it has distinct rows.
            var distinct: [PackageRowText: Package] = [:]
            while let row = try rows.next() {
                let digest: String = row[0]
                if digest != currentDigest {
                    if !current.isEmpty { packagesByDigest[currentDigest] = current }
                    currentDigest = digest
                    current = []
                }
                let text = PackageRowText(row)
                if let package = distinct[text] {
                    current.append(package)
                    continue
                }
                guard let type = PackageType(rawValue: text.type) else {
                    throw StoreError(operation: "read the images", path: path, reason: .corruptRecord("package type"))
                }
                let package = Package(
                    type: type, name: text.name, version: text.version,
                    sourceName: text.sourceName, sourceVersion: text.sourceVersion, purl: text.purl,
                    licenses: try Self.decode([String].self, text.licenses, what: "licence list", operation: "read the images", path: path),
                    layerDiffID: text.layerDiffID,
                    locations: try Self.decode([String].self, text.locations, what: "location list", operation: "read the images", path: path),
                    cataloger: text.cataloger, architecture: text.architecture)
                distinct[text] = package
                current.append(package)
            }
            if !current.isEmpty { packagesByDigest[currentDigest] = current }
            var tagsByDigest: [String: [(String, String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, tag, digest FROM tags ORDER BY repository, tag") {
                tagsByDigest[row["digest"], default: []].append((row["repository"], row["tag"]))
            }
            let images = try Row.fetchAll(db, sql: "SELECT * FROM images \(filter.replacingOccurrences(of: "imageDigest", with: "digest")) ORDER BY digest",
                                          arguments: arguments).map { row in
                let digest: String = row["digest"]
                let metadata = try Self.decode(ImageMetadata.self, row["metadata"], what: "image metadata", operation: "read the images", path: path)
                let osText: String? = row["os"]
                let os = try osText.map { try Self.decode(OSRelease.self, $0, what: "OS release", operation: "read the images", path: path) }
                let warnings = try Self.decode([ScanWarning].self, row["warnings"], what: "warning list", operation: "read the images", path: path)
                return StoredImage(
                    sbom: ImageSBOM(metadata: metadata, os: os, packages: packagesByDigest[digest] ?? [], warnings: warnings),
                    source: row["source"], firstSeen: row["firstSeen"],
                    tags: (tagsByDigest[digest] ?? []).map { (repository: $0.0, tag: $0.1) })
            }
            StoreReadStatistics.shared.countSBOMs(images.count, path: path)
            return images
        }
    }

    /// The number of stored images.
    public func imageCount() throws(StoreError) -> Int {
        try read("count the images") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM images") ?? 0 }
    }
}

/// The stored text of one package row (every column but the image and the position): equal texts
/// decode to equal packages.
private struct PackageRowText: Hashable {
    var type: String
    var name: String
    var version: String
    var sourceName: String?
    var sourceVersion: String?
    var purl: String
    var licenses: String?
    var layerDiffID: String?
    var locations: String?
    var cataloger: String
    var architecture: String?

    /// Columns 1–11 of the `images()` package query.
    init(_ row: Row) {
        type = row[1]
        name = row[2]
        version = row[3]
        sourceName = row[4]
        sourceVersion = row[5]
        purl = row[6]
        licenses = row[7]
        layerDiffID = row[8]
        locations = row[9]
        cataloger = row[10]
        architecture = row[11]
    }
}
