import ScoutModel

extension LayerReader {
    /// What a layer gave, detached from its source.
    struct Result: Sendable {
        var files: LayerFiles
        var warnings: [ScanWarning]
    }

    /// Reads a layer stored in a seekable file (`open` makes a fresh source each time). When ISA-L fails
    /// on its gzip data, zlib reads it once more, so a disagreement between the two never loses a layer.
    func readReopenable(_ open: () throws -> FileChunkSource, wants: (String) -> Bool) -> Result {
        let first: Outcome<FileChunkSource>
        do {
            first = read(try open(), wants: wants)
        } catch {
            return Result(files: LayerFiles(diffID: layer.diffID), warnings: [ScanWarning(
                subject: layer.digest,
                message: "Failed to read layer '\(layer.digest.abbreviatedDigest)' of '\(container)': \(error)", incomplete: true)])
        }
        guard first.inflateFailed, limits.inflateEngine == .isal else {
            return Result(files: first.files, warnings: first.warnings)
        }
        var zlibLimits = limits
        zlibLimits.inflateEngine = .zlib
        let retry = LayerReader(layer: layer, container: container, verifyBlobDigest: verifyBlobDigest, limits: zlibLimits)
        guard let source = try? open() else { return Result(files: first.files, warnings: first.warnings) }
        let second = retry.read(source, wants: wants)
        return Result(files: second.files, warnings: second.warnings)
    }
}
