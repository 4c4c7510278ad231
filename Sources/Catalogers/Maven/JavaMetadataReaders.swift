/// The small text formats inside Java archives: `pom.properties` and `META-INF/MANIFEST.MF`.
enum JavaMetadataReaders {
    /// Java properties: `key=value`, `key: value` or `key value`; `#` and `!` comments; `\` continuations.
    static func properties(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var pending = ""
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = pending + Substring(rawLine).trimmingSpaces()
            pending = ""
            if line.hasSuffix("\\") {
                line.removeLast()
                pending = line
                continue
            }
            guard !line.isEmpty, line.first != "#", line.first != "!" else { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" || $0 == " " || $0 == "\t" }) else {
                result[line] = ""
                continue
            }
            let key = String(line[..<separator])
            var value = line[line.index(after: separator)...].drop { $0 == " " || $0 == "\t" }
            if line[separator] == " " || line[separator] == "\t", let first = value.first, first == "=" || first == ":" {
                value = value.dropFirst().drop { $0 == " " || $0 == "\t" }
            }
            if result[key] == nil { result[key] = String(value) }
        }
        return result
    }

    /// The main section of a manifest: `Name: value` lines, continuation lines begin with one space.
    static func manifest(_ text: String) -> [String: String] {
        var fields: [(String, String)] = []
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { if fields.isEmpty { continue } else { break } }
            if line.first == " " {
                if !fields.isEmpty { fields[fields.count - 1].1 += line.dropFirst() }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append((String(line[..<colon]).trimmingCharacters(), String(line[line.index(after: colon)...])))
        }
        var result: [String: String] = [:]
        for (key, value) in fields where result[key] == nil {
            result[key] = value.trimmingCharacters()
        }
        return result
    }
}
