import Foundation
import ImageSource
import Testing

/// ISA-L (the fast path) and zlib (the reference) must inflate every gzip stream to the same bytes.
@Suite struct InflateEngineTests {
    /// Every gzip file among the test fixtures and the bundled examples, plus gzip entries of their tar archives.
    static func gzipFixtures() throws -> [(String, [UInt8])] {
        var found: [(String, [UInt8])] = []
        let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        for folder in [Fixtures.root, repository.appendingPathComponent("examples")] {
          let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
          for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let bytes = [UInt8](try Data(contentsOf: url))
            let name = String(url.path.dropFirst(repository.path.count + 1))
            if GzipInflater.isGzip(bytes[...]) { found.append((name, bytes)) }
            if name.hasSuffix(".tar") {
                var reader = TarReader(source: MemoryChunkSource(bytes))
                while let entry = try reader.next() {
                    guard entry.kind == .regular else { continue }
                    let content = try reader.readAllContent()
                    if GzipInflater.isGzip(content[...]) { found.append((name + ":" + entry.path, content)) }
                }
            }
          }
        }
        return found
    }

    static func inflate(_ bytes: [UInt8], engine: InflateEngine, inputChunk: Int, outputChunk: Int) throws -> [UInt8] {
        var source = MaybeGzipSource(MemoryChunkSource(bytes, chunkSize: inputChunk), chunkSize: outputChunk, engine: engine)
        var output: [UInt8] = []
        while let chunk = try source.nextChunk() { output += chunk }
        #expect(source.isCompressed)
        #expect(source.inputBytes == Int64(bytes.count))
        return output
    }

    @Test func everyFixtureInflatesToTheSameBytesWithBothEngines() throws {
        let fixtures = try Self.gzipFixtures()
        // Both alpine archives (twice), two hello-world layers, the postgres layer and the NVD feed.
        #expect(fixtures.count >= 8)
        for (name, bytes) in fixtures {
            let reference = try Self.inflate(bytes, engine: .zlib, inputChunk: 1 << 20, outputChunk: 1 << 20)
            #expect(!reference.isEmpty, "\(name)")
            for (input, output) in [(1 << 20, 1 << 20), (4096, 333), (7, 65_536), (512, 4096), (1, 1 << 20)] where input > 1 || bytes.count < 100_000 {
                do {
                    let isal = try Self.inflate(bytes, engine: .isal, inputChunk: input, outputChunk: output)
                    // Compared outside #expect so a failure prints sizes, not megabytes of bytes.
                    let same = isal == reference
                    #expect(same, "\(name) in \(input)-byte pieces, \(output)-byte outputs: \(isal.count) vs \(reference.count) bytes")
                } catch {
                    Issue.record("\(name) in \(input)-byte pieces, \(output)-byte outputs: \(error)")
                }
            }
        }
    }

    @Test(arguments: InflateEngine.allCases)
    func concatenatedMembersAreAllInflated(_ engine: InflateEngine) throws {
        let layer = try Fixtures.bytes("images/test.oci/blobs/sha256/cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c")
        let single = try Self.inflate(layer, engine: .zlib, inputChunk: 1 << 20, outputChunk: 1 << 20)
        for chunk in [3, 100, 1 << 20] {
            let triple = try Self.inflate(layer + layer + layer, engine: engine, inputChunk: chunk, outputChunk: 1000)
            #expect(triple == single + single + single, "\(engine), \(chunk)-byte pieces")
        }
        // Bytes after the last member that are not another member are ignored, as gzip -d does.
        let padded = try Self.inflate(layer + [0, 0, 0, 0], engine: engine, inputChunk: 1 << 20, outputChunk: 1 << 20)
        #expect(padded == single)
    }

    /// Found by the `gzip` fuzz target: zlib re-checked for a member at every piece of input after
    /// trailing garbage, so what it gave depended on where the pieces were cut.
    @Test(arguments: InflateEngine.allCases)
    func trailingGarbageEndsTheStreamWherePiecesAreCut(_ engine: InflateEngine) throws {
        let layer = try Fixtures.bytes("images/test.oci/blobs/sha256/cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c")
        let single = try Self.inflate(layer, engine: .zlib, inputChunk: 1 << 20, outputChunk: 1 << 20)
        let garbage: [UInt8] = [0x1f, 0x35] + [UInt8](repeating: 0, count: 200)
        let stream = layer + garbage + layer
        for chunk in [1, 7, 61, 202, 1 << 20] {
            let output = try Self.inflate(stream, engine: engine, inputChunk: chunk, outputChunk: 4096)
            #expect(output == single, "\(engine), \(chunk)-byte pieces")
        }
        // A member whose magic is cut between two pieces is still a member.
        let two = layer + layer
        let cut = try Self.inflate(two, engine: engine, inputChunk: layer.count + 1, outputChunk: 4096)
        #expect(cut == single + single)
    }

    @Test(arguments: InflateEngine.allCases)
    func damageIsAnErrorWithBothEngines(_ engine: InflateEngine) throws {
        let layer = try Fixtures.bytes("images/test.oci/blobs/sha256/cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c")
        #expect(throws: GzipError(.truncated)) {
            _ = try Self.inflate(Array(layer.dropLast(9)), engine: engine, inputChunk: 64, outputChunk: 1 << 20)
        }
        var badCRC = layer
        badCRC[badCRC.count - 6] ^= 0xFF
        #expect(throws: GzipError.self) {
            _ = try Self.inflate(badCRC, engine: engine, inputChunk: 1 << 20, outputChunk: 1 << 20)
        }
        var corrupt = layer
        for index in 20..<60 { corrupt[index] = 0xFF }
        #expect(throws: GzipError.self) {
            _ = try Self.inflate(corrupt, engine: engine, inputChunk: 1 << 20, outputChunk: 1 << 20)
        }
    }

    @Test func theEngineCanBeChosenPerRead() throws {
        let oci = try ImageOpener.open(.ociDirectory(Fixtures.path("images/test.oci")))
        let isal = try oci.readLayers(wants: { _ in true }, limits: ReadLimits(inflateEngine: .isal))
        let zlib = try oci.readLayers(wants: { _ in true }, limits: ReadLimits(inflateEngine: .zlib))
        #expect(isal.warnings.isEmpty && zlib.warnings.isEmpty)
        #expect(isal == zlib)
        #expect(!isal.layers[0].files.isEmpty)
    }
}
