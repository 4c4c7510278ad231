/// Splits RFC 822-style databases (dpkg `status`, apk `installed`) into stanzas of fields.
enum StanzaReader {
    /// One stanza: fields in order (keys as written), with the line it started on.
    struct Stanza {
        var line: Int
        var fields: [(key: String, value: String)] = []

        /// The first value of `key`, compared case-insensitively.
        func value(_ key: String) -> String? {
            let wanted = key.lowercased()
            return fields.first { $0.key.lowercased() == wanted }?.value
        }
    }

    /// dpkg style: `Key: value`, continuation lines start with a space or tab, blank lines separate.
    static func colonFields(_ text: String, path: String) throws(CatalogError) -> [Stanza] {
        var stanzas: [Stanza] = []
        var current: Stanza?
        for (number, rawLine) in lines(text) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if let done = current { stanzas.append(done) }
                current = nil
                continue
            }
            if line.first == " " || line.first == "\t" {
                guard current != nil, !current!.fields.isEmpty else {
                    throw CatalogError(.malformedLine(line: number, String(line)), path: path)
                }
                let continuation = line.drop { $0 == " " || $0 == "\t" }
                current!.fields[current!.fields.count - 1].value += "\n" + continuation
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw CatalogError(.malformedLine(line: number, String(line)), path: path)
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if current == nil { current = Stanza(line: number) }
            current!.fields.append((key, value))
        }
        if let done = current { stanzas.append(done) }
        return stanzas
    }

    /// apk style: one-letter keys `K:value`, blank lines separate.
    static func letterFields(_ text: String, path: String) throws(CatalogError) -> [Stanza] {
        var stanzas: [Stanza] = []
        var current: Stanza?
        for (number, rawLine) in lines(text) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if let done = current { stanzas.append(done) }
                current = nil
                continue
            }
            let chars = Array(line.prefix(2))
            guard chars.count == 2, chars[1] == ":" else {
                throw CatalogError(.malformedLine(line: number, String(line)), path: path)
            }
            if current == nil { current = Stanza(line: number) }
            current!.fields.append((String(chars[0]), String(line.dropFirst(2))))
        }
        if let done = current { stanzas.append(done) }
        return stanzas
    }

    private static func lines(_ text: String) -> [(Int, Substring)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { ($0.offset + 1, $0.element) }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        let start = drop { $0 == " " || $0 == "\t" }
        var end = start.endIndex
        while end > start.startIndex, [" ", "\t"].contains(start[start.index(before: end)]) {
            end = start.index(before: end)
        }
        return String(start[start.startIndex..<end])
    }
}
