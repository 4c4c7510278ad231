import Archives
import Catalogers
import ScoutModel

/// The binary formats read out of image files: zip (Java archives, OSV exports), ELF with Go build info
/// or a cargo-auditable section, and rpm header blobs.
enum BinaryTargets {
    /// The central directory, then every entry (at most 64) inflated under a 1 MiB limit: a stored entry
    /// gives exactly its compressed bytes, an inflated one never more than the limit. Then the whole
    /// Java cataloging of the same bytes as a `.jar` (nested archives included).
    static func zip(_ bytes: [UInt8]) {
        if let archive = try? ZipArchive(bytes: bytes, name: "fuzz.zip") {
            for entry in archive.entries.prefix(64) {
                guard let content = try? archive.contents(of: entry, limit: 1 << 20) else { continue }
                FuzzCheck.require(content.count <= 1 << 20, "entry '\(entry.path)' gave \(content.count) bytes past the limit")
                if entry.method == 0 {
                    FuzzCheck.require(content.count == entry.compressedSize, "stored entry '\(entry.path)' gave \(content.count) of \(entry.compressedSize) bytes")
                }
            }
        }
        for artifact in (try? JavaArchiveParser.entries(DatabaseFile(path: "app/fuzz.jar", content: bytes))) ?? [] {
            FuzzCheck.require(!artifact.artifactID.isEmpty && !artifact.version.isEmpty, "an artifact without id or version")
        }
    }

    /// Go build info (sections, the magic scan without them, pre-1.18 pointers through the segments).
    static func elf(_ bytes: [UInt8]) {
        let file = DatabaseFile(path: "usr/local/bin/fuzz", content: bytes)
        guard let packages = try? GoBinaryParser.parse(file, CatalogContext(os: nil)) else { return }
        for package in packages {
            FuzzCheck.require(!package.name.isEmpty && !package.version.isEmpty, "a Go package without name or version")
        }
    }

    /// The `.dep-v0` section of cargo-auditable: ELF, then zlib (bounded), then JSON.
    static func cargo(_ bytes: [UInt8]) {
        _ = try? CargoAuditableParser.entries(DatabaseFile(path: "usr/local/bin/fuzz", content: bytes))
    }

    /// One rpm header blob (`headerExport`: index entries then data store): a name always comes out.
    static func rpmHeader(_ bytes: [UInt8]) {
        guard let entry = try? RpmDBParser.entry(header: bytes, path: "fuzz") else { return }
        FuzzCheck.require(!entry.name.isEmpty, "a header entry without a name")
    }
}
