import ScoutModel

/// Streams one layer blob (gzip or plain tar) and keeps what the catalogers want.
///
/// Pipeline: blob bytes → SHA-256 of the blob ‖ gzip inflater (when the magic says so) → inflated-size
/// guard ‖ SHA-256 of the tar (the diffID) → tar reader, each part before a ‖ on a thread of its own.
/// Inflating costs about as much as hashing and parsing the tar; reading and hashing the blob, a third
/// of that, used to ride with the inflater and made it the slowest stage.
struct LayerReader {
    let layer: LayerInfo
    /// Where the layer lives, for messages: the archive or layout path.
    let container: String
    /// Whether `layer.digest` names the stored blob and must be checked (false for legacy `layer.tar`).
    let verifyBlobDigest: Bool
    let limits: ReadLimits

    /// What reading gave; `source` is handed back so an enclosing archive can go on reading.
    struct Outcome<Source: ByteChunkSource> {
        var files: LayerFiles
        var warnings: [ScanWarning]
        var source: Source
        /// True when the gzip data could not be inflated (another inflater may be tried).
        var inflateFailed = false
    }

    func read<Source: ByteChunkSource>(_ source: Source, wants: (String) -> Bool) -> Outcome<Source> {
        let blob = PipelinedSource(HashingSource(source))
        let guarded = SizeGuardSource(MaybeGzipSource(blob, engine: limits.inflateEngine), limits: limits)
        var tar = TarReader(source: HashingSource(PipelinedSource(guarded)), maxEntrySize: limits.maxEntrySize)
        var files = LayerFiles(diffID: layer.diffID)
        var warnings: [ScanWarning] = []
        /// Bytes of `files` reserved from the layer's and the image's budgets.
        var held: Int64 = 0
        do {
            while let entry = try tar.next() {
                let path = entry.normalizedPath
                let (directory, name) = Self.split(path)
                if name.hasPrefix(".wh.") {
                    if name == ".wh..wh..opq" {
                        files.opaqueDirectories.insert(directory)
                    } else if !name.hasPrefix(".wh..wh.") {
                        files.whiteouts.insert(Self.join(directory, String(name.dropFirst(4))))
                    }
                    continue
                }
                switch entry.kind {
                case .regular where wants(path):
                    if let kept = try keep(entry, path: path, from: &tar, held: &held, warnings: &warnings) {
                        files.files[path] = kept
                    }
                case .hardLink where wants(path):
                    if let content = files.files[TarEntry.normalize(entry.linkName)] {
                        files.files[path] = content
                    }
                default:
                    break
                }
            }
            try tar.drain()
        } catch {
            warnings.append(failure(String(describing: error)))
            limits.imageBudget.release(held)
            return Outcome(files: LayerFiles(diffID: layer.diffID), warnings: warnings, source: tar.source.base.finish().base.base.finish().base,
                           inflateFailed: error is GzipError)
        }
        let hashedBlob = tar.source.base.finish().base.base.finish()
        let diffID = tar.source.hasher.digest
        let blobDigest = hashedBlob.hasher.digest
        var mismatch: String?
        if diffID != layer.diffID {
            mismatch = "the uncompressed tar hashes to \(diffID) but the config lists diffID \(layer.diffID)"
        } else if verifyBlobDigest, blobDigest != layer.digest {
            mismatch = "the blob hashes to \(blobDigest), not to its digest"
        }
        if let mismatch {
            warnings.append(failure(mismatch))
            files = LayerFiles(diffID: layer.diffID)
            limits.imageBudget.release(held)
        }
        return Outcome(files: files, warnings: warnings, source: hashedBlob.base)
    }

    /// What the layer keeps of a wanted regular file: its content, or what the reducer made of it; nil
    /// (with a warning naming the file and the limit) when it is too large or the budgets are spent.
    private func keep<Source: ByteChunkSource>(_ entry: TarEntry, path: String, from tar: inout TarReader<Source>,
                                               held: inout Int64, warnings: inout [ScanWarning]) throws -> [UInt8]? {
        guard entry.size <= limits.maxFileSize else {
            warnings.append(skipped(path, "\(entry.size) bytes is over the \(limits.maxFileSize)-byte limit on one file"))
            return nil
        }
        if let reducer = limits.reducer, reducer.applies(path) {
            // The reducer holds at most this one file while it reads; the layer keeps only its extract.
            let extract = try reducer.reduce(path, entry.size) { try tar.readContent() }
            return reserve(Int64(extract.count), for: path, held: &held, warnings: &warnings) ? extract : nil
        }
        guard reserve(entry.size, for: path, held: &held, warnings: &warnings) else { return nil }
        return try tar.readAllContent()
    }

    /// Takes `count` bytes from the layer's and the image's budgets, or warns that `path` is skipped.
    private func reserve(_ count: Int64, for path: String, held: inout Int64, warnings: inout [ScanWarning]) -> Bool {
        guard count <= limits.maxLayerHeldBytes - held else {
            warnings.append(skipped(path, "keeping its \(count) bytes would pass the \(limits.maxLayerHeldBytes)-byte limit on what one layer keeps"))
            return false
        }
        guard limits.imageBudget.reserve(count) else {
            warnings.append(skipped(path, "keeping its \(count) bytes would pass the \(limits.imageBudget.limit)-byte limit on what one image keeps"))
            return false
        }
        held += count
        return true
    }

    private func skipped(_ path: String, _ cause: String) -> ScanWarning {
        ScanWarning(subject: path,
                    message: "Skipped '\(path)' in layer '\(layer.digest.abbreviatedDigest)' of '\(container)': \(cause); its packages are not listed.",
                    incomplete: true)
    }

    private func failure(_ cause: String) -> ScanWarning {
        ScanWarning(subject: layer.digest,
                    message: "Failed to read layer '\(layer.digest.abbreviatedDigest)' of '\(container)': \(cause.hasSuffix(".") ? String(cause.dropLast()) : cause); its files were ignored.",
                    incomplete: true)
    }

    /// `a/b/c` → (`a/b`, `c`); `c` → (``, `c`).
    static func split(_ path: String) -> (String, Substring) {
        guard let slash = path.lastIndex(of: "/") else { return ("", Substring(path)) }
        return (String(path[..<slash]), path[path.index(after: slash)...])
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }
}

/// Stops a stream that grows past a size or, once large, past a ratio to its compressed size (a bomb).
struct SizeGuardSource<Inner: ByteChunkSource>: ByteChunkSource {
    var base: MaybeGzipSource<Inner>
    let limits: ReadLimits
    /// What the stream is, for the message: a layer, or the whole `docker save` archive.
    let subject: String
    private var total: Int64 = 0

    init(_ base: MaybeGzipSource<Inner>, limits: ReadLimits, subject: String = "layer") {
        self.base = base
        self.limits = limits
        self.subject = subject
    }

    mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        guard let chunk = try base.nextChunk() else { return nil }
        total += Int64(chunk.count)
        guard total <= limits.maxInflatedBytes else { throw SizeLimitError(limit: limits.maxInflatedBytes, subject: subject) }
        if base.isCompressed, total > limits.ratioCheckAfter,
           total / max(1, base.inputBytes) > limits.maxInflateRatio {
            throw SizeLimitError(limit: total, ratio: limits.maxInflateRatio, subject: subject)
        }
        return chunk
    }
}

/// A layer (or archive) inflated past `ReadLimits.maxInflatedBytes` or `ReadLimits.maxInflateRatio`.
struct SizeLimitError: Error, CustomStringConvertible {
    let limit: Int64
    var ratio: Int64? = nil
    var subject = "layer"
    var description: String {
        if let ratio {
            return "the \(subject) inflates more than \(ratio) times its compressed size (\(limit) bytes so far), a decompression bomb"
        }
        return "the \(subject) inflates to more than \(limit) bytes"
    }
}

extension String {
    /// `sha256:0123456789ab…`: the algorithm and 12 hex digits.
    var abbreviatedDigest: String {
        guard let colon = firstIndex(of: ":") else { return self }
        let hex = self[index(after: colon)...]
        return hex.count > 12 ? "\(self[...colon])\(hex.prefix(12))…" : self
    }
}
