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

    /// The lock file cannot be used: it cannot be created, or it is not a plain file of its own (a
    /// symbolic link or hard link planted there would make the run truncate another file).
    public struct Unusable: Error, CustomStringConvertible {
        public var path: String
        public var cause: String

        public var description: String {
            "Failed to take the run lock '\(path)': \(cause)"
        }
    }

    private let descriptor: Int32

    /// Takes the lock of `storePath`; waits for it when `wait` is true, else throws `Busy` at once.
    public init(storePath: String, wait: Bool) throws {
        let path = storePath + ".lock"
        // O_NOFOLLOW: a symbolic link planted at the lock's path is refused, never followed.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            let code = errno
            let cause = code == ELOOP
                ? "it is a symbolic link; remove it (scout-report creates the lock file itself)"
                : "\(String(cString: strerror(code))); check that the store's folder exists and is writable"
            throw Unusable(path: path, cause: cause)
        }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_nlink == 1 else {
            close(fd)
            throw Unusable(path: path, cause: "it is not a plain file of its own (a device, a folder or a file with other hard links); remove it")
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
