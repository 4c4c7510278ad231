import Foundation
import ScoutModel

/// What the binary catalogers (Go build info, cargo-auditable) found in a program, kept by a layer in
/// place of the program: a few hundred bytes instead of megabytes, in memory and in the layer cache.
///
/// The layer reader hands each binary candidate to `reduce` while the layer streams. A file without
/// the ELF magic is left unread; an ELF file is read whole (one at a time, up to the reader's per-file
/// limit), both parsers run on it, and only their packages and errors are kept. The parsers accept a
/// summary in place of the file. Encoded as `magic` then sorted-key JSON.
public struct BinarySummary: Codable, Sendable, Hashable {
    /// Per cataloger name: what it found (locations are set from the path the summary is read at).
    var packages: [String: [Package]] = [:]
    /// Per cataloger name: why the file could not be read (the `malformedBinary` detail).
    var errors: [String: String] = [:]

    /// Names the format; part of the layer cache's key, so a change of format reads layers again.
    public static let formatName = "binary-summary-v1"
    static let magic: [UInt8] = Array("\u{0}scout-\(formatName)\n".utf8)

    /// The paths a summary stands for: binary candidates no other cataloger reads.
    public static func applies(_ path: String) -> Bool {
        BinaryPaths.isCandidate(path) && !OSReleaseReader.paths.contains(path)
            && !Cataloging.catalogers.contains { !binaryCatalogers.contains($0.name) && ($0.matches(path) || $0.companions(path)) }
    }

    static let binaryCatalogers: Set<String> = [GoBinaryParser.catalogerName, CargoAuditableParser.catalogerName]

    /// Reads the file at `path` through `next` (as far as needed) and returns its encoded summary.
    public static func reduce(path: String, size: Int64, next: () throws -> ArraySlice<UInt8>?) throws -> [UInt8] {
        var content: [UInt8] = []
        while content.count < ELFFile.magic.count, let piece = try next() { content += piece }
        guard content.starts(with: ELFFile.magic) else { return encode(BinarySummary()) }
        content.reserveCapacity(Int(clamping: size))
        while let piece = try next() { content += piece }
        return encode(summarize(DatabaseFile(path: path, content: content)))
    }

    /// Runs the binary parsers on a whole file.
    static func summarize(_ file: DatabaseFile) -> BinarySummary {
        var summary = BinarySummary()
        let parsers: [(String, (DatabaseFile) throws(CatalogError) -> [Package])] = [
            (GoBinaryParser.catalogerName, GoBinaryParser.extract),
            (CargoAuditableParser.catalogerName, CargoAuditableParser.extract),
        ]
        for (name, parse) in parsers {
            do {
                let found = try parse(file)
                if !found.isEmpty { summary.packages[name] = found }
            } catch {
                summary.errors[name] = error.detail
            }
        }
        return summary
    }

    /// The summary `content` holds, or nil when it is a file's own bytes.
    static func decode(_ content: [UInt8]) -> BinarySummary? {
        guard content.starts(with: magic) else { return nil }
        return try? JSONDecoder().decode(BinarySummary.self, from: Data(content[magic.count...]))
    }

    static func encode(_ summary: BinarySummary) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding plain strings and packages cannot fail; an empty summary is the safe answer anyway.
        return magic + ((try? encoder.encode(summary)).map { [UInt8]($0) } ?? Array("{}".utf8))
    }

    /// What the cataloger `name` found in the summarized file at `path`, or its error again.
    func packages(for name: String, path: String) throws(CatalogError) -> [Package] {
        if let detail = errors[name] { throw CatalogError(.malformedBinary(detail), path: path) }
        return (packages[name] ?? []).map { package in
            var located = package
            located.locations = [path]
            return located
        }
    }
}

extension CatalogError {
    /// The cause without the path (what a summary keeps).
    var detail: String {
        if case .malformedBinary(let detail) = reason { return detail }
        return description
    }
}
