import ScoutModel

/// Parses `Cargo.lock` files: the string keys of each `[[package]]` table (a reader of the small TOML
/// subset cargo writes, not a general TOML parser: arrays such as `dependencies` are skipped).
public enum CargoLockParser {
    public static let catalogerName = "rust-cargo-lock-cataloger"

    public static func matches(_ path: String) -> Bool {
        path == "Cargo.lock" || path.hasSuffix("/Cargo.lock")
    }

    public static func entries(_ file: DatabaseFile) throws(CatalogError) -> [CargoPackageEntry] {
        var entries: [CargoPackageEntry] = []
        var current: [String: String]?
        var inArray = false
        func finish(line: Int) throws(CatalogError) {
            defer { current = nil }
            guard let table = current else { return }
            guard let name = table["name"], let version = table["version"] else {
                throw CatalogError(.malformedLine(line: line, "[[package]] table without name or version"), path: file.path)
            }
            entries.append(CargoPackageEntry(name: name, version: version, source: table["source"], checksum: table["checksum"]))
        }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingSpaces().trimmingCharacters(in: "\r")
            if inArray {
                if line.hasPrefix("]") { inArray = false }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                try finish(line: index + 1)
                if line == "[[package]]" { current = [:] }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw CatalogError(.malformedLine(line: index + 1, line), path: file.path)
            }
            let key = Substring(line[..<equals]).trimmingSpaces()
            let value = Substring(line[line.index(after: equals)...]).trimmingSpaces()
            if value.hasPrefix("[") {
                inArray = !value.hasSuffix("]")
                continue
            }
            guard current != nil else { continue }
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                current![key] = String(value.dropFirst().dropLast())
            }
        }
        try finish(line: lines.count)
        return entries
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        try entries(file).map { $0.package(path: file.path, cataloger: catalogerName) }
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        var text = self[...]
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
