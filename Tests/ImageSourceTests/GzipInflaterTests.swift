import ImageSource
import Testing

@Suite struct GzipInflaterTests {
    @Test func inflatesRealGzipInSmallPieces() throws {
        let compressed = try Fixtures.bytes("images/test.oci/blobs/sha256/cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c")
        var source = MaybeGzipSource(MemoryChunkSource(compressed, chunkSize: 100), chunkSize: 333)
        var output: [UInt8] = []
        while let chunk = try source.nextChunk() {
            #expect(chunk.count <= 333)
            output += chunk
        }
        #expect(source.isCompressed)
        #expect(output.count % 512 == 0)
        #expect(ContentDigest.sha256(output) == "sha256:9c27e219663c25e0f28493790cc0b88bc973ba3b1686355f221c38a36978ac63")
    }

    @Test func passesPlainDataThrough() throws {
        var source = MaybeGzipSource(MemoryChunkSource(Array("plain tar bytes".utf8)))
        #expect(try source.nextChunk().map(Array.init) == Array("plain tar bytes".utf8))
        #expect(!source.isCompressed)
        #expect(try source.nextChunk() == nil)
    }

    @Test func detectsCorruption() throws {
        var compressed = try Fixtures.bytes("images/test.oci/blobs/sha256/cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c")
        for index in 20..<60 { compressed[index] = 0xff }
        var source = MaybeGzipSource(MemoryChunkSource(compressed))
        #expect(throws: GzipError.self) { while try source.nextChunk() != nil {} }
    }
}
