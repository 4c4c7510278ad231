import Archives
import Foundation
import ScoutModel

/// Reads the dependency list cargo-auditable embeds in Rust binaries: the ELF section `.dep-v0`,
/// zlib-compressed JSON `{"packages": [{"name", "version", "source", "kind", "root"}]}`.
public enum CargoAuditableParser {
    public static let catalogerName = "cargo-auditable-binary-cataloger"
    static let sectionName = ".dep-v0"
    /// The JSON is small (a few KiB per hundred crates); a bigger one is refused.
    static let inflateLimit = 16 << 20

    public static func matches(_ path: String) -> Bool {
        BinaryPaths.isCandidate(path)
    }

    private struct DependencyList: Decodable {
        struct Entry: Decodable {
            var name: String
            var version: String
            var source: String?
            var kind: String?
            var root: Bool?
        }
        var packages: [Entry]
    }

    /// The crates compiled into the binary (build-time-only crates left out); nil when the file is not
    /// ELF or has no `.dep-v0` section.
    public static func entries(_ file: DatabaseFile) throws(CatalogError) -> [CargoPackageEntry]? {
        guard let elf = ELFFile(file.content), let compressed = elf.sectionData(sectionName) else { return nil }
        let json: [UInt8]
        do {
            json = try Inflate.inflate(compressed, format: .zlib, limit: inflateLimit, subject: file.path)
        } catch {
            throw CatalogError(.malformedBinary("section '\(sectionName)' does not inflate (\(error.description))"), path: file.path)
        }
        let list: DependencyList
        do {
            list = try JSONDecoder().decode(DependencyList.self, from: Data(json))
        } catch {
            throw CatalogError(.malformedBinary("section '\(sectionName)' is not a cargo-auditable dependency list"), path: file.path)
        }
        return list.packages.filter { $0.kind != "build" }.map {
            CargoPackageEntry(name: $0.name, version: $0.version, source: $0.source)
        }
    }

    /// A file kept as a `BinarySummary` (what layers keep of programs) answers from it.
    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        if let summary = BinarySummary.decode(file.content) { return try summary.packages(for: catalogerName, path: file.path) }
        return try extract(file)
    }

    /// The packages of a whole ELF file.
    static func extract(_ file: DatabaseFile) throws(CatalogError) -> [Package] {
        try entries(file)?.map { $0.package(path: file.path, cataloger: catalogerName) } ?? []
    }
}
