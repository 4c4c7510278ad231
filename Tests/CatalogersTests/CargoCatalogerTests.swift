import Catalogers
import ScoutModel
import Testing

@Suite struct CargoCatalogerTests {
    /// syft's image-audit `Cargo.lock` (lock format 4): all ten `[[package]]` tables.
    @Test func readsARealCargoLock() throws {
        let file = try FixtureFiles.file("cargo/syft-image-audit", "Cargo.lock")
        let entries = try CargoLockParser.entries(file)
        #expect(entries.map { "\($0.name)@\($0.version)" } == [
            "argh@0.1.12", "argh_derive@0.1.12", "argh_shared@0.1.12", "hello_world@0.1.0", "proc-macro2@1.0.92",
            "quote@1.0.37", "serde@1.0.215", "serde_derive@1.0.215", "syn@2.0.90", "unicode-ident@1.0.14",
        ])
        #expect(entries[0].source == "registry+https://github.com/rust-lang/crates.io-index")
        #expect(entries[0].checksum == "7af5ba06967ff7214ce4c7419c7d185be7ecd6cc4965a8f6e1d8ce0398aad219")
        #expect(entries[3].source == nil)
    }

    @Test func catalogsALockFileWrittenByCargoInAnAppFolder() throws {
        let file = try FixtureFiles.file("cargo", "app/Cargo.lock")
        #expect(Cataloging.wants("app/Cargo.lock"))
        let result = Cataloging.catalog(layers: [FixtureFiles.layer([file])])
        #expect(result.warnings.isEmpty)
        #expect(result.packages.map(\.purl) == ["pkg:cargo/demo-app@0.3.1", "pkg:cargo/demo-util@1.0.0-beta.2"])
        #expect(result.packages.allSatisfy { $0.cataloger == "rust-cargo-lock-cataloger" && $0.locations == ["app/Cargo.lock"] })
    }

    @Test func readsTheCargoAuditableSection() throws {
        let file = try FixtureFiles.file("cargo", "usr/local/bin/demo-auditable")
        let result = Cataloging.catalog(layers: [FixtureFiles.layer([file])])
        #expect(result.warnings.isEmpty)
        // The build-only crate `cc` is not part of the binary.
        #expect(result.packages.map { "\($0.name)@\($0.version)" } == ["demo-auditable@0.1.0", "serde@1.0.130", "smallvec@1.6.0"])
        #expect(result.packages.allSatisfy { $0.type == .cargo && $0.cataloger == "cargo-auditable-binary-cataloger" })
        #expect(result.packages.first { $0.name == "serde" }?.purl == "pkg:cargo/serde@1.0.130")
    }

    @Test func aBinaryWithoutTheSectionHasNoCrates() throws {
        // The Go fixture is ELF without `.dep-v0`.
        let go = try RootfsCase("scalibr-go-binary").file("usr/local/bin/binary_with_module_replacement-linux-amd64")
        #expect(try CargoAuditableParser.entries(go) == nil)
    }
}
