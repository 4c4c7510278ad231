import Foundation

/// The table of contents of an image tarball, read in one streaming pass: where every entry is,
/// and the bytes of the small ones (manifests, configs, indexes).
struct ArchiveContents {
    struct Location {
        var offset: Int64
        var size: Int64
    }

    let path: String
    let isCompressed: Bool
    /// Regular entries by normalized path.
    var entries: [String: Location] = [:]
    /// Contents of entries up to `smallLimit` bytes.
    var small: [String: [UInt8]] = [:]

    /// Entries at most this big are kept in memory while scanning.
    static let smallLimit: Int64 = 1 << 20
    /// At most this much is kept in total, so a tar of many small files cannot exhaust memory.
    static let smallBudget: Int64 = 64 << 20

    /// Streams the archive once, seeking over entry contents when it is not compressed; a gzip archive
    /// is held to `limits`' inflated size and ratio, as layers are (33 MB of gzip must not become 32 GiB of tar).
    static func scan(path: String, limits: ReadLimits) throws(ImageSourceError) -> ArchiveContents {
        var isCompressed = false
        do {
            var probe = try FileChunkSource(path: path, length: 2)
            isCompressed = GzipInflater.isGzip(try probe.nextChunk() ?? [])
            var contents = ArchiveContents(path: path, isCompressed: isCompressed)
            if isCompressed {
                try contents.index(TarReader(source: SizeGuardSource(MaybeGzipSource(FileChunkSource(path: path), engine: limits.inflateEngine),
                                                                     limits: limits, subject: "archive")))
            } else {
                try contents.index(TarReader(source: FileChunkSource(path: path)))
            }
            return contents
        } catch let error as ImageSourceError {
            throw error
        } catch {
            throw ImageSourceError(.corruptArchive(String(describing: error)), subject: path)
        }
    }

    private mutating func index<Source: ByteChunkSource>(_ reader: TarReader<Source>) throws {
        var reader = reader
        var kept: Int64 = 0
        while let entry = try reader.next() {
            guard entry.kind == .regular else { continue }
            let name = entry.normalizedPath
            entries[name] = Location(offset: entry.dataOffset, size: entry.size)
            if entry.size <= Self.smallLimit, kept + entry.size <= Self.smallBudget, !name.hasSuffix("/layer.tar") {
                small[name] = try reader.readAllContent()
                kept += entry.size
            }
        }
    }

    /// A small file by its path in the archive.
    func file(_ name: String) throws(ImageSourceError) -> [UInt8] {
        guard let bytes = small[TarEntry.normalize(name)] else {
            throw ImageSourceError(.missing("'\(name)'"), subject: name, container: path)
        }
        return bytes
    }

    /// A small `blobs/sha256/…` blob, checked against its digest.
    func verifiedBlob(_ digest: String) throws(ImageSourceError) -> [UInt8] {
        let name = "blobs/" + digest.replacingOccurrences(of: ":", with: "/")
        guard let bytes = small[name] else {
            throw ImageSourceError(.missing("blob '\(digest)'"), subject: digest, container: path)
        }
        let actual = DigestHasher.digest(of: bytes)
        guard actual == digest else {
            throw ImageSourceError(.digestMismatch(expected: digest, actual: actual), subject: digest, container: path)
        }
        return bytes
    }

    /// The digest of the OCI manifest stored in the archive for this config, when there is one
    /// (Docker 25+ writes `blobs/` and an `index.json`, whose `manifests` may be null).
    func ociManifestDigest(configDigest: String) throws(ImageSourceError) -> String? {
        let listed: [String]
        if let indexBytes = small["index.json"],
           let index = try? JSONDecoder().decode(ImageIndex.self, from: Data(indexBytes)),
           let manifests = index.manifests, !manifests.isEmpty {
            listed = manifests.map(\.digest)
        } else {
            listed = small.keys.filter { $0.hasPrefix("blobs/sha256/") }.sorted()
                .compactMap(DockerArchiveImage.blobDigest)
        }
        for digest in listed {
            guard let bytes = small["blobs/" + digest.replacingOccurrences(of: ":", with: "/")],
                  bytes.first == UInt8(ascii: "{"),
                  let manifest = try? JSONDecoder().decode(ImageManifest.self, from: Data(bytes)),
                  manifest.config.digest == configDigest
            else { continue }
            _ = try verifiedBlob(digest)
            return digest
        }
        return nil
    }
}
