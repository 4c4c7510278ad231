#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a byte range of a file in chunks with `pread`, never holding more than one chunk.
public struct FileChunkSource: ByteChunkSource {
    private let file: OpenFile
    private var offset: Int64
    private let end: Int64
    private let chunkSize: Int

    /// Opens `path` and serves `length` bytes from `offset` (to the end of the file when `length` is nil).
    public init(path: String, offset: Int64 = 0, length: Int64? = nil, chunkSize: Int = 1 << 20) throws(ImageSourceError) {
        self.file = try OpenFile(path: path)
        self.offset = offset
        // Offsets and lengths come from tar headers and descriptors: the range is clamped to the file.
        let available = max(0, file.size - max(0, offset))
        self.end = offset + min(length ?? available, available)
        self.chunkSize = max(512, chunkSize)
    }

    public mutating func nextChunk() throws -> ArraySlice<UInt8>? {
        guard offset < end else { return nil }
        let want = Int(min(Int64(chunkSize), end - offset))
        let chunk = try file.read(count: want, at: offset)
        guard !chunk.isEmpty else { return nil }  // the file is shorter than announced
        offset += Int64(chunk.count)
        return chunk[...]
    }

    public mutating func skip(_ count: Int64) throws -> Bool {
        offset = count >= end - offset ? end : offset + count
        return true
    }
}

/// An open file descriptor, closed when the last copy goes away.
final class OpenFile {
    let descriptor: Int32
    let path: String
    let size: Int64

    init(path: String) throws(ImageSourceError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ImageSourceError(.unreadable(String(cString: strerror(errno))), subject: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw ImageSourceError(.unreadable(String(cString: strerror(errno))), subject: path)
        }
        self.descriptor = fd
        self.path = path
        self.size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: Int64) throws(ImageSourceError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            initialized = done
        }
        if failure != 0 {
            throw ImageSourceError(.unreadable(String(cString: strerror(failure))), subject: path)
        }
        return bytes
    }

    /// The whole file.
    static func readAll(path: String) throws(ImageSourceError) -> [UInt8] {
        let file = try OpenFile(path: path)
        return try file.read(count: Int(file.size), at: 0)
    }

    /// The whole file, refused before anything is read when it is over `limit` bytes.
    static func readAll(path: String, limit: Int64) throws(ImageSourceError) -> [UInt8] {
        let file = try OpenFile(path: path)
        guard file.size <= limit else {
            throw ImageSourceError(.unsupported("a document of \(file.size) bytes (the limit is \(limit))"), subject: path)
        }
        return try file.read(count: Int(file.size), at: 0)
    }
}
