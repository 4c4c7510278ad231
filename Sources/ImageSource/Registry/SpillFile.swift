import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An unlinked temporary file that holds the part of a response its reader has not caught up with.
///
/// It is removed from the folder as soon as it is opened, so a killed process leaves nothing behind;
/// once the reader has caught up, it is truncated and written from the start again.
final class SpillFile {
    private var descriptor: Int32
    private var writeOffset: Int64 = 0
    private var readOffset: Int64 = 0

    /// Nil when no temporary file can be made (the caller then fails the request).
    init?() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scout-report-spill-\(UUID().uuidString)").path
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
    }

    deinit { close() }

    var hasUnread: Bool { readOffset < writeOffset }

    /// Appends `data`; false when the disk refused it.
    func write(_ data: Data) -> Bool {
        guard descriptor >= 0 else { return false }
        return data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let written = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(writeOffset))
                guard written > 0 else { return false }
                done += written
                writeOffset += Int64(written)
            }
            return true
        }
    }

    /// Up to `max` unread bytes, or nil when the file cannot be read.
    func read(max: Int) -> Data? {
        guard descriptor >= 0 else { return nil }
        let count = Int(min(Int64(max), writeOffset - readOffset))
        var data = Data(count: count)
        let got = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, count, off_t(readOffset)) }
        guard got > 0 else { return nil }
        readOffset += Int64(got)
        if readOffset == writeOffset {
            readOffset = 0
            writeOffset = 0
            _ = ftruncate(descriptor, 0)
        }
        return got == count ? data : data.prefix(got)
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }
}
