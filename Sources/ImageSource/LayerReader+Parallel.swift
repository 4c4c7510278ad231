import Dispatch
import ScoutModel

/// Runs independent jobs on every core and returns their results in job order.
enum ParallelWork {
    /// `body(0) … body(count - 1)`, run concurrently (one thread per core), results kept in order.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(body(index), at: index)
        }
        return slots.values()
    }
}

/// One slot per job; each job writes only its own slot, so no lock is needed.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ value: T, at index: Int) { buffer[index] = value }

    func values() -> [T] { buffer.map { $0! } }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}

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
                message: "Failed to read layer '\(layer.digest.abbreviatedDigest)' of '\(container)': \(error)")])
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
