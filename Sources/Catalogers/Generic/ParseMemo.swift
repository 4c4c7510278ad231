import ScoutModel

/// Parse results of one image's cataloging, so that no database is parsed twice: not the same file at the
/// end as in the layer that last changed it, and not hard links or copies of one file (40 links to a jar are
/// parsed once; each path still appears among the packages' locations).
///
/// A result is reused when the content is the same (same hash, then compared byte for byte), the same catalogers read it,
/// the context has not changed since (`contextVersion` counts changes to files that are not databases:
/// os-release and companions) and, for catalogers that read companions beside the file, the path is the same;
/// for the others the file name must match (a jar's name can be its artifact).
struct ParseMemo {
    private struct Key: Hashable {
        var contextVersion: Int
        var catalogers: [Int]
        /// The full path for catalogers with companions, else the file name.
        var name: String
        /// SipHash of the bytes (one pass; equal files are then compared byte for byte).
        var contentHash: Int
    }

    private struct Parsed {
        var path: String
        var content: [UInt8]
        var result: Result<[Package], CatalogError>
    }

    private var parsed: [Key: [Parsed]] = [:]
    /// Files actually handed to parsers, and byte-for-byte comparisons made (what the tests bound).
    private(set) var parses = 0
    private(set) var comparisons = 0

    /// The packages of `file`, parsed by `catalogers` unless an equal file was parsed in the same context.
    mutating func packages(
        of file: DatabaseFile, catalogers: [Int], readsCompanions: Bool, contextVersion: Int,
        parse: (DatabaseFile) throws(CatalogError) -> [Package]
    ) -> Result<[Package], CatalogError> {
        let name = readsCompanions ? file.path : String(file.path.split(separator: "/").last ?? "")
        var hasher = Hasher()
        file.content.withUnsafeBytes { hasher.combine(bytes: $0) }
        let key = Key(contextVersion: contextVersion, catalogers: catalogers, name: name, contentHash: hasher.finalize())
        if let earlier = parsed[key]?.first(where: { comparisons += 1; return $0.content == file.content }) {
            return Self.moved(earlier.result, from: earlier.path, to: file.path)
        }
        parses += 1
        let result = Result { () throws(CatalogError) -> [Package] in try parse(file) }
        parsed[key, default: []].append(Parsed(path: file.path, content: file.content, result: result))
        return result
    }

    /// A result for `old` as the same content found at `new` gives it.
    private static func moved(_ result: Result<[Package], CatalogError>, from old: String, to new: String) -> Result<[Package], CatalogError> {
        guard old != new else { return result }
        func move(_ location: String) -> String {
            if location == old { return new }
            if location.hasPrefix(old + ":") { return new + location.dropFirst(old.count) }
            return location
        }
        switch result {
        case .success(let packages):
            return .success(packages.map { package in
                var package = package
                package.locations = package.locations.map(move)
                return package
            })
        case .failure(var error):
            error.path = new
            return .failure(error)
        }
    }
}
