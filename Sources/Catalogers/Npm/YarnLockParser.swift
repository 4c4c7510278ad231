/// Reads `yarn.lock` files: the v1 format (`version "1.2.3"`) and berry's YAML (`version: 1.2.3`).
public enum YarnLockParser {
    /// One resolved package.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var version: String
    }

    /// The resolved packages, each (name, version) once, in file order. Berry's `__metadata` and
    /// workspace / link / portal entries (the app's own folders) are left out.
    public static func entries(_ file: DatabaseFile) throws(CatalogError) -> [Entry] {
        let text = file.text
        guard !text.contains("\0") else { throw CatalogError(.notText, path: file.path) }
        var entries: [Entry] = []
        var seen: Set<String> = []
        var name: String?
        var version: String?
        var skip = false
        func flush() {
            if let name, let version, !skip, seen.insert(name + "@" + version).inserted {
                entries.append(Entry(name: name, version: version))
            }
        }
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.first != " " {
                // A header: `"@babel/core@^7.0.0", "@babel/core@^7.1.0":` or `lodash@^4.17.21:`.
                flush()
                guard line.hasSuffix(":") else {
                    throw CatalogError(.malformedLine(line: number + 1, String(line)), path: file.path)
                }
                let first = line.dropLast().split(separator: ",").first.map { unquote($0) } ?? ""
                name = packageName(fromSpecifier: first)
                version = nil
                skip = first == "__metadata" || ["@workspace:", "@link:", "@portal:"].contains { first.contains($0) }
                continue
            }
            let field = line.drop { $0 == " " }
            guard line.count - field.count == 2 else { continue }
            if field.hasPrefix("version ") || field.hasPrefix("version:") {
                version = unquote(field.dropFirst("version".count).drop { $0 == ":" || $0 == " " })
            } else if field.hasPrefix("resolution:") {
                // Berry: `resolution: "@types/node@npm:18.0.0"` names the real package of an alias.
                let spec = unquote(field.dropFirst("resolution:".count))
                if let real = packageName(fromSpecifier: spec), let at = spec.dropFirst().firstIndex(of: "@"),
                   spec[spec.index(after: at)...].hasPrefix("npm:") {
                    name = real
                }
            }
        }
        flush()
        return entries
    }

    /// `@scope/name@^1.0` → `@scope/name`; `alias@npm:real@^1` → `real`.
    static func packageName(fromSpecifier spec: String) -> String? {
        guard let at = spec.dropFirst().firstIndex(of: "@") else { return spec.isEmpty ? nil : spec }
        let name = String(spec[..<at])
        let range = spec[spec.index(after: at)...]
        if range.hasPrefix("npm:"), range.dropFirst(4).dropFirst().contains("@") {
            let real = range.dropFirst(4)
            if let realAt = real.dropFirst().firstIndex(of: "@") { return String(real[..<realAt]) }
        }
        return name.isEmpty ? nil : name
    }

    private static func unquote(_ text: Substring) -> String {
        var value = Substring(text.trimmingSpaces())
        if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
        return String(value)
    }
}
