import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes only what changed: a page whose bytes are those of the published site's file at the same
/// path is hard-linked from it instead of written. The new site is still a fresh folder swapped in
/// whole (`SitePublisher`); the link only shares the unchanged file's blocks with the old site, which
/// is deleted after the swap. Files are compared by size first, then byte by byte (the published file
/// is read, which costs far less than writing it, and needs no manifest that could go stale). When
/// linking fails (another filesystem: EXDEV; too many links: EMLINK; no hard links at all) the file is
/// written as before.
final class FileReuse: Sendable {
    /// The published site's root, or nil: everything is written.
    let previousRoot: String?
    private let tally = Tally()

    init(previousSite: URL?) {
        previousRoot = previousSite.map { $0.standardizedFileURL.path }
    }

    /// Links `previousRoot/relativePath` to `target` when that file holds exactly `bytes`; true when linked.
    func linkIfUnchanged(_ bytes: UnsafeRawBufferPointer, relativePath: String, target: String) -> Bool {
        guard let previousRoot else { return false }
        let existing = previousRoot + "/" + relativePath
        var status = stat()
        guard stat(existing, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == bytes.count else { return false }
        guard Self.contents(of: existing, equal: bytes), link(existing, target) == 0 else { return false }
        tally.add(linked: Int64(bytes.count))
        return true
    }

    /// The published file at `relativePath`, opened for reading (a regular file), or nil.
    func openPublished(_ relativePath: String) -> Int32? {
        guard let previousRoot else { return nil }
        let descriptor = open(previousRoot + "/" + relativePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// True when `published` holds `piece` at `offset`.
    static func matches(_ published: Int32, at offset: Int, _ piece: [UInt8]) -> Bool {
        var buffer = [UInt8](repeating: 0, count: piece.count)
        var done = 0
        while done < piece.count {
            let got = buffer.withUnsafeMutableBytes { pread(published, $0.baseAddress! + done, piece.count - done, off_t(offset + done)) }
            guard got > 0 else { return false }
            done += got
        }
        return buffer == piece
    }

    /// Links the published file at `relativePath` to `target` when it is exactly `size` bytes long
    /// (all of which a streamed file matched); true when linked.
    func linkIfWhole(_ published: Int32, relativePath: String, size: Int, target: String) -> Bool {
        guard let previousRoot else { return false }
        var status = stat()
        guard fstat(published, &status) == 0, Int(status.st_size) == size, link(previousRoot + "/" + relativePath, target) == 0 else { return false }
        tally.add(linked: Int64(size))
        return true
    }

    /// Copies the first `count` bytes of `published` to `output`; 0, or the error number.
    static func copyPrefix(_ published: Int32, count: Int, to output: Int32) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < count {
            let got = buffer.withUnsafeMutableBytes { pread(published, $0.baseAddress!, min($0.count, count - offset), off_t(offset)) }
            guard got > 0 else { return got == 0 ? EIO : errno }
            var written = 0
            while written < got {
                let step = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, got - written) }
                guard step > 0 else { return errno }
                written += step
            }
            offset += got
        }
        return 0
    }

    /// Counts a file linked by another part of the renderer (`DownloadReuse`).
    func countLinked(_ path: String) {
        var status = stat()
        tally.add(linked: stat(path, &status) == 0 ? Int64(status.st_size) : 0)
    }

    func countWritten(_ bytes: Int64) { tally.add(written: bytes) }

    /// Counts files rendered, and page files linked without rendering (`PageReuse`).
    func countPages(rendered: Int = 0, reused: Int = 0) { tally.add(rendered: rendered, reused: reused) }

    var counts: SiteWriteCounts { tally.counts }

    /// True when the file at `path` holds exactly `bytes` (its size already checked).
    private static func contents(of path: String, equal bytes: UnsafeRawBufferPointer) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: min(chunk, max(bytes.count, 1)))
        var offset = 0
        while offset < bytes.count {
            let wanted = min(buffer.count, bytes.count - offset)
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, wanted) }
            guard got == wanted else { return false }
            let same = buffer.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress! + offset, wanted) == 0 }
            guard same else { return false }
            offset += wanted
        }
        return true
    }
}

/// What a render put into the new site: files written, and files hard-linked unchanged from the
/// published site (pages found equal, and downloads whose inputs did not change); and how many files
/// were rendered, and how many pages were linked without being rendered (`PageReuse`).
public struct SiteWriteCounts: Sendable, Equatable {
    public var filesWritten = 0
    public var bytesWritten: Int64 = 0
    public var filesLinked = 0
    public var bytesLinked: Int64 = 0
    /// Files rendered from the snapshot (pages, downloads, JSON), whether then written or linked.
    public var pagesRendered = 0
    /// Page files linked from the published site without being rendered: their inputs did not change.
    public var pagesReused = 0

    public init() {}

    public var files: Int { filesWritten + filesLinked }

    /// `wrote 12 files (1.2 MB), linked 10480 unchanged files (340.5 MB); rendered 40 files, reused 9000 pages unrendered`.
    public var summary: String {
        "wrote \(filesWritten) files (\(Self.megabytes(bytesWritten))), linked \(filesLinked) unchanged files (\(Self.megabytes(bytesLinked)))"
            + "; rendered \(pagesRendered) files, reused \(pagesReused) pages unrendered"
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

/// The counts, added to from every render worker.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var value = SiteWriteCounts()

    func add(written: Int64) {
        lock.lock()
        value.filesWritten += 1
        value.bytesWritten += written
        lock.unlock()
    }

    func add(rendered: Int, reused: Int) {
        lock.lock()
        value.pagesRendered += rendered
        value.pagesReused += reused
        lock.unlock()
    }

    func add(linked: Int64) {
        lock.lock()
        value.filesLinked += 1
        value.bytesLinked += linked
        lock.unlock()
    }

    var counts: SiteWriteCounts {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
