import ScoutModel

/// Installed Ruby gems: `specifications/*.gemspec` (and `specifications/default/*.gemspec`), the Ruby
/// source RubyGems writes on install. Read with a tolerant line parser (as syft does), never evaluated:
/// `s.name = "rake".freeze`, `s.version = "13.0.6"`, `s.licenses = ["MIT".freeze]`.
public enum GemspecParser {
    public static let catalogerName = "ruby-installed-gemspec-cataloger"

    public static func matches(_ path: String) -> Bool {
        guard path.hasSuffix(".gemspec") else { return false }
        let parts = path.split(separator: "/")
        guard parts.count >= 2 else { return false }
        return parts[parts.count - 2] == "specifications"
            || (parts.count >= 3 && parts[parts.count - 2] == "default" && parts[parts.count - 3] == "specifications")
    }

    /// The fields read from a gemspec.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var version: String
        public var licenses: [String]
    }

    public static func entry(_ file: DatabaseFile) throws(CatalogError) -> Entry {
        var name: String?
        var version: String?
        var licenses: [String] = []
        for rawLine in file.text.split(separator: "\n") {
            let line = Substring(rawLine).trimmingSpaces()
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "="),
                  let dot = line[..<equals].firstIndex(of: ".") else { continue }
            let attribute = Substring(line[line.index(after: dot)..<equals]).trimmingSpaces()
            let value = line[line.index(after: equals)...]
            guard !value.hasPrefix("=") else { continue }
            switch attribute {
            case "name": name = name ?? quotedStrings(value).first
            case "version": version = version ?? quotedStrings(value).first
            case "license", "licenses": licenses += quotedStrings(value)
            default: break
            }
        }
        guard let name, !name.isEmpty else { throw CatalogError(.missingField("name"), path: file.path) }
        guard let version, !version.isEmpty else { throw CatalogError(.missingField("version"), path: file.path) }
        return Entry(name: name, version: version, licenses: licenses.uniqued())
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        let entry = try entry(file)
        return [Package(type: .gem, name: entry.name, version: entry.version,
                        purl: PackageURL.make(type: "gem", namespace: nil, name: entry.name, version: entry.version),
                        licenses: entry.licenses, locations: [file.path], cataloger: catalogerName)]
    }

    /// The `"…"` and `'…'` literals of a Ruby expression, in order.
    static func quotedStrings(_ text: Substring) -> [String] {
        var result: [String] = []
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\"" || character == "'" else { continue }
            var value = ""
            while let next = iterator.next(), next != character {
                if next == "\\", let escaped = iterator.next() { value.append(escaped) } else { value.append(next) }
            }
            result.append(value)
        }
        return result
    }
}
