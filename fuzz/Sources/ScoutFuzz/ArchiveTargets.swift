import ImageSource

/// The layer stream: the tar reader and the two gzip inflaters.
enum ArchiveTargets {
    /// Every entry is listed and small entries read, in odd-sized chunks; errors are fine, crashes are not.
    static func tar(_ bytes: [UInt8]) {
        var reader = TarReader(source: MemoryChunkSource(bytes, chunkSize: 97), maxEntrySize: 1 << 20)
        var count = 0
        do {
            while let entry = try reader.next(), count < 10_000 {
                count += 1
                _ = entry.normalizedPath
                if entry.size < 4096 {
                    let content = try reader.readAllContent()
                    FuzzCheck.require(Int64(content.count) == entry.size, "entry '\(entry.path)' read \(content.count) of \(entry.size) bytes")
                }
            }
            try reader.drain()
        } catch {}
    }

    /// Differential: when both ISA-L and zlib accept the stream, they must give the same bytes.
    static func gzip(_ bytes: [UInt8]) {
        let isal = inflate(bytes, engine: .isal)
        let zlib = inflate(bytes, engine: .zlib)
        if let isal, let zlib {
            FuzzCheck.require(isal == zlib, "ISA-L gave \(isal.count) bytes, zlib \(zlib.count)")
        }
    }

    /// The whole output (at most 8 MiB), or nil when the stream is refused.
    private static func inflate(_ bytes: [UInt8], engine: InflateEngine) -> [UInt8]? {
        var source = MaybeGzipSource(MemoryChunkSource(bytes, chunkSize: 61), chunkSize: 4096, engine: engine)
        var output: [UInt8] = []
        do {
            while let chunk = try source.nextChunk() {
                output += chunk
                if output.count > 8 << 20 { return nil }
            }
        } catch {
            return nil
        }
        return output
    }
}
