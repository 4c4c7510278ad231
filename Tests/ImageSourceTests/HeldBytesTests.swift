import Catalogers
import ImageSource
import ScoutModel
import TestSupport
import Testing

/// Issue 18.5: memory an attacker chooses. A valid layer of many large programs (a 16 KiB block
/// repeated, under the bomb ratio) must not be held whole, and what one layer and one image keep is bounded.
@Suite struct HeldBytesTests {
    /// A 16 KiB block that starts like an ELF64 program with no section headers (so the Go parser
    /// scans all of it for build info), repeated to `size` bytes.
    static func hostileProgram(size: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0x41, count: 16 << 10)
        block.replaceSubrange(0..<8, with: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0])
        var program: [UInt8] = []
        program.reserveCapacity(size)
        while program.count < size { program += block }
        return Array(program.prefix(size))
    }

    static let reducing = WantedFileReducer(name: BinarySummary.formatName, applies: BinarySummary.applies, reduce: BinarySummary.reduce)

    static func keptBytes(_ result: LayerReadResult) -> Int {
        result.layers.reduce(0) { sum, layer in layer.files.values.reduce(sum) { $0 + $1.count } }
    }

    @Test func programsAreKeptAsWhatTheirParsersFound() throws {
        var tar = TestTarWriter()
        let program = Self.hostileProgram(size: 4 << 20)
        for index in 0..<24 { tar.add("usr/local/bin/tool-\(index)", content: program) }
        // Real programs: a Go binary and a cargo-auditable Rust binary.
        let programs = [
            "usr/local/bin/binary_with_module_replacement-linux-amd64": try Fixtures.bytes("rootfs/scalibr-go-binary/usr/local/bin/binary_with_module_replacement-linux-amd64"),
            "usr/local/bin/demo-auditable": try Fixtures.bytes("cargo/usr/local/bin/demo-auditable"),
        ]
        for (path, content) in programs.sorted(by: { $0.key < $1.key }) { tar.add(path, content: content) }
        tar.add("usr/local/bin/notes", "not a program\n")
        let blob = try HostileLayerTests.gzip(tar.archive)
        #expect(blob.count * 250 > tar.archive.count)  // under the bomb ratio: a valid layer
        let directory = try HostileLayerTests.layout([(blob, tar.archive)])
        defer { directory.cleanup() }
        let image = try ImageOpener.open(.ociDirectory(directory.path))

        let result = try image.readLayers(wants: Cataloging.wants, limits: ReadLimits(reducer: Self.reducing))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        // 96 MiB of programs held before; now a summary of each (a few hundred bytes at most).
        #expect(result.layers[0].files.count == 27)
        #expect(Self.keptBytes(result) < 64 << 10, "kept \(Self.keptBytes(result)) bytes")
        #expect(result.layers[0].files["usr/local/bin/tool-0"].map { $0.count < 256 } == true)
        // The parsers' findings survive the reduction: the same packages as from the whole program.
        let reduced = Cataloging.catalog(layers: result.layers).packages
        let whole = Cataloging.catalog(layers: [LayerFiles(diffID: "whole", files: programs)]).packages
        #expect(Set(whole.map(\.type)) == [.golang, .cargo])
        #expect(reduced.map { "\($0.purl) \($0.locations) \($0.cataloger)" } == whole.map { "\($0.purl) \($0.locations) \($0.cataloger)" })
    }

    @Test func aLayerKeepsNoMoreThanItsBudgetAndNamesWhatItSkipped() throws {
        var tar = TestTarWriter()
        for index in 0..<12 { tar.add("opt/app/lib/lib-\(index).jar", content: [UInt8](repeating: UInt8(index), count: 1 << 20)) }
        let directory = try HostileLayerTests.layout([(tar.archive, tar.archive)])
        defer { directory.cleanup() }
        let image = try ImageOpener.open(.ociDirectory(directory.path))

        let result = try image.readLayers(wants: { _ in true }, limits: ReadLimits(maxLayerHeldBytes: 4 << 20))
        #expect(Self.keptBytes(result) == 4 << 20)
        #expect(result.layers[0].files.count == 4)
        #expect(result.warnings.count == 8)
        let skipped = result.warnings.first { $0.subject == "opt/app/lib/lib-11.jar" }
        #expect(skipped?.message.contains("Skipped 'opt/app/lib/lib-11.jar' in layer") == true)
        #expect(skipped?.message.contains("would pass the 4194304-byte limit on what one layer keeps") == true, "\(result.warnings)")
    }

    @Test func theLayersOfAnImageShareOneBudget() throws {
        var layers: [(blob: [UInt8], tar: [UInt8])] = []
        for layer in 0..<3 {
            var tar = TestTarWriter()
            for index in 0..<3 { tar.add("opt/app/lib/l\(layer)-\(index).jar", content: [UInt8](repeating: UInt8(layer), count: 1 << 20)) }
            layers.append((tar.archive, tar.archive))
        }
        let directory = try HostileLayerTests.layout(layers)
        defer { directory.cleanup() }
        let image = try ImageOpener.open(.ociDirectory(directory.path))

        let limits = ReadLimits(maxImageHeldBytes: 5 << 20)
        let result = try image.readLayers(wants: { _ in true }, limits: limits)
        #expect(Self.keptBytes(result) == 5 << 20)
        #expect(limits.imageBudget.used == 5 << 20)
        #expect(result.warnings.count == 4)
        #expect(result.warnings.allSatisfy { $0.message.contains("would pass the 5242880-byte limit on what one image keeps") }, "\(result.warnings)")
    }

    @Test func aFailedLayerGivesItsBudgetBack() throws {
        var tar = TestTarWriter()
        tar.add("opt/app/lib/a.jar", content: [UInt8](repeating: 1, count: 1 << 20))
        // The config names another diffID: the layer's files are dropped, and so is their reservation.
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        let manifest = try builder.manifest(.init(layers: [tar.archive], diffIDs: ["sha256:" + String(repeating: "0", count: 64)]))
        try builder.index([manifest.descriptor])
        let limits = ReadLimits()
        let result = try ImageOpener.open(.ociDirectory(directory.path)).readLayers(wants: { _ in true }, limits: limits)
        #expect(result.layers[0].files.isEmpty)
        #expect(limits.imageBudget.used == 0)
    }
}
