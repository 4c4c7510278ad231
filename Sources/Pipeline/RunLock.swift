import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock beside the store (`STORE.lock`), held for a whole run: two runs on one store
/// never interleave their writes. The kernel releases it when the process dies, even by SIGKILL.
public final class RunLock: @unchecked Sendable {
    /// Another process holds the lock.
    public struct Busy: Error, CustomStringConvertible {
        public var store: String
        public var holder: String?

        public var description: String {
            let who = holder.map { " (process \($0))" } ?? ""
            return "Another scout-report run is using the store '\(store)'\(who); wait for it to finish or pass --wait"
        }
    }

    private let descriptor: Int32

    /// Takes the lock of `storePath`; waits for it when `wait` is true, else throws `Busy` at once.
    public init(storePath: String, wait: Bool) throws {
        let path = storePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "Failed to create the lock file '\(path)': \(String(cString: strerror(errno)))"])
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK, wait else {
                var buffer = [UInt8](repeating: 0, count: 32)
                let count = pread(fd, &buffer, buffer.count, 0)
                close(fd)
                let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : nil
                throw Busy(store: storePath, holder: holder)
            }
            guard flock(fd, LOCK_EX) == 0 else {
                close(fd)
                throw Busy(store: storePath, holder: nil)
            }
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        descriptor = fd
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
