@testable import Catalogers
import ScoutModel
import Testing

/// Truncated and garbled copies of real files: every parser returns or throws, never traps.
@Suite struct HostileBytesTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Prefixes of `bytes` at `cuts` lengths, and `rounds` copies with a few bytes overwritten.
    static func variants(_ bytes: [UInt8], cuts: Int = 40, rounds: Int = 40, seed: UInt64 = 7, focus: Int? = nil) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var mix = Mix(state: seed)
        for index in 0..<cuts {
            result.append(Array(bytes.prefix(Int(mix.next() % UInt64(max(1, bytes.count))))))
            if index < 12 { result.append(Array(bytes.prefix(index * 3))) }
        }
        let span = min(bytes.count, focus ?? bytes.count)
        for _ in 0..<rounds where span > 0 {
            var copy = bytes
            for _ in 0..<(1 + Int(mix.next() % 8)) {
                copy[Int(mix.next() % UInt64(span))] = UInt8(truncatingIfNeeded: mix.next())
            }
            result.append(copy)
        }
        return result
    }

    private func survives(_ parse: FileParser, _ path: String, _ variants: [[UInt8]]) -> Int {
        var failures = 0
        for content in variants {
            do {
                _ = try parse(DatabaseFile(path: path, content: content), CatalogContext(os: nil))
            } catch {
                #expect(error.path == path)
                #expect(error.description.hasPrefix("Failed to parse '\(path)'"))
                failures += 1
            }
        }
        return failures
    }

    @Test func rpmHeaderBlobs() throws {
        let blobs = try RpmSQLiteReader.blobs(FixtureFiles.bytes("rpm/sqlite/var/lib/rpm/rpmdb.sqlite"))
        var errors = 0
        for blob in blobs {
            for variant in Self.variants(blob, rounds: 200, focus: 400) {
                do { _ = try RpmHeader.entry(variant) } catch { errors += 1 }
            }
        }
        #expect(errors > 0)
    }

    @Test(arguments: ["sqlite/var/lib/rpm/rpmdb.sqlite", "bdb/var/lib/rpm/Packages", "bdb-16k/var/lib/rpm/Packages"])
    func rpmDatabases(_ fixture: String) throws {
        let bytes = try FixtureFiles.bytes("rpm/" + fixture)
        let failures = survives(RpmDBParser.parse, "var/lib/rpm/Packages", Self.variants(bytes, cuts: 25, rounds: 60))
        #expect(failures > 0)
    }

    @Test func rpmNDBLookalikes() {
        var mix = Mix(state: 11)
        var inputs: [[UInt8]] = [Array("RpmP".utf8), Array("RpmP".utf8) + [UInt8](repeating: 0, count: 4092)]
        for size in [16, 100, 4096, 8192, 12288] {
            var bytes = Array("RpmP".utf8) + [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]
            while bytes.count < size { bytes.append(UInt8(truncatingIfNeeded: mix.next())) }
            inputs.append(bytes)
            // A valid-looking slot pointing far outside the file.
            var slots = Array("RpmP".utf8) + [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0] + [UInt8](repeating: 0, count: 16)
            slots += Array("Slot".utf8) + [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF]
            while slots.count < 4096 { slots += Array("Slot".utf8) + [UInt8](repeating: 0, count: 12) }
            inputs.append(slots)
        }
        #expect(survives(RpmDBParser.parse, "usr/lib/sysimage/rpm/Packages.db", inputs) == inputs.count)
    }

    @Test func goBinary() throws {
        let bytes = try RootfsCase("scalibr-go-binary").file(GoBinaryCatalogerTests.binary).content
        // Garble around the build info blob, where the parser reads.
        let start = try #require(ByteReader(bytes).firstOffset(of: GoBuildInfo.magicBytes, alignment: 16))
        var variants = Self.variants(bytes, cuts: 20, rounds: 0)
        for variant in Self.variants(Array(bytes[start..<(start + 512)]), cuts: 30, rounds: 150) {
            variants.append(Array(bytes[..<start]) + variant + Array(bytes[(start + min(512, variant.count))...]))
        }
        _ = survives(GoBinaryParser.parse, "usr/bin/app", variants)
        // ELF header damage is survived too.
        _ = survives(GoBinaryParser.parse, "usr/bin/app", Self.variants(Array(bytes.prefix(4096)), rounds: 200, focus: 128))
    }

    @Test func cargoAuditableBinaryAndLockFile() throws {
        let binary = try FixtureFiles.bytes("cargo/usr/local/bin/demo-auditable")
        _ = survives(CargoAuditableParser.parse, "usr/bin/app", Self.variants(binary, rounds: 150))
        let lock = try FixtureFiles.bytes("cargo/syft-image-audit/Cargo.lock")
        _ = survives(CargoLockParser.parse, "Cargo.lock", Self.variants(lock, rounds: 100))
        // A table without a version is reported with its line.
        let broken = DatabaseFile(path: "Cargo.lock", content: Array("[[package]]\nname = \"x\"\n\n[[package]]\nname = \"y\"\nversion = \"1\"\n".utf8))
        #expect(throws: CatalogError.self) { try CargoLockParser.parse(broken, CatalogContext(os: nil)) }
    }

    @Test func anUnreadableRpmDatabaseIsAWarningAndTheScanGoesOn() throws {
        let go = try RootfsCase("scalibr-go-binary").file(GoBinaryCatalogerTests.binary)
        let result = Cataloging.catalog(layers: [FixtureFiles.layer([
            DatabaseFile(path: "var/lib/rpm/Packages", content: Array("not a database at all".utf8)), go,
        ])])
        #expect(result.packages.count == 3)
        #expect(result.warnings.map(\.subject) == ["var/lib/rpm/Packages"])
        #expect(result.warnings.first?.message
                == "Failed to parse 'var/lib/rpm/Packages': the file is neither an SQLite, an NDB nor a Berkeley DB hash rpm database.")
    }
}
