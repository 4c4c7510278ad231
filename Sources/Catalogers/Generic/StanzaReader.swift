/// Splits RFC 822-style databases (dpkg `status`, apk `installed`) into stanzas of fields.
///
/// Works on the UTF-8 bytes (a line ends at `\n`, a `\r` before it is dropped): splitting the text into
/// Characters cost more than inflating the layer that holds the database (profiled on a generated fleet).
enum StanzaReader {
    /// One stanza: fields in order (keys as written), with the line it started on.
    struct Stanza {
        var line: Int
        var fields: [(key: String, value: String)] = []

        /// The first value of `key`, compared case-insensitively (ASCII).
        func value(_ key: String) -> String? {
            fields.first { Self.equalIgnoringASCIICase($0.key, key) }?.value
        }

        static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
            a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
        }

        private static func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
    }

    /// dpkg style: `Key: value`, continuation lines start with a space or tab, blank lines separate.
    static func colonFields(_ text: String, path: String) throws(CatalogError) -> [Stanza] {
        var stanzas: [Stanza] = []
        var current: Stanza?
        let bytes = Array(text.utf8)
        var failure: CatalogError?
        forEachLine(bytes) { number, line in
            if line.allSatisfy(isBlank) {
                if let done = current { stanzas.append(done) }
                current = nil
                return true
            }
            if isBlank(line[line.startIndex]) {
                guard current != nil, !current!.fields.isEmpty else {
                    failure = CatalogError(.malformedLine(line: number, string(line)), path: path)
                    return false
                }
                let continuation = line.drop(while: isBlank)
                current!.fields[current!.fields.count - 1].value += "\n" + string(continuation)
                return true
            }
            guard let colon = line.firstIndex(of: 0x3A) else {
                failure = CatalogError(.malformedLine(line: number, string(line)), path: path)
                return false
            }
            var value = line[(colon + 1)...].drop(while: isBlank)
            while let last = value.last, isBlank(last) { value = value.dropLast() }
            if current == nil { current = Stanza(line: number) }
            current!.fields.append((string(line[..<colon]), string(value)))
            return true
        }
        if let failure { throw failure }
        if let done = current { stanzas.append(done) }
        return stanzas
    }

    /// apk style: one-letter keys `K:value`, blank lines separate.
    static func letterFields(_ text: String, path: String) throws(CatalogError) -> [Stanza] {
        var stanzas: [Stanza] = []
        var current: Stanza?
        let bytes = Array(text.utf8)
        var failure: CatalogError?
        forEachLine(bytes) { number, line in
            if line.allSatisfy(isBlank) {
                if let done = current { stanzas.append(done) }
                current = nil
                return true
            }
            let start = line.startIndex
            guard line.count >= 2, line[start] < 0x80, line[start + 1] == 0x3A else {
                failure = CatalogError(.malformedLine(line: number, string(line)), path: path)
                return false
            }
            if current == nil { current = Stanza(line: number) }
            current!.fields.append((string(line[start..<(start + 1)]), string(line[(start + 2)...])))
            return true
        }
        if let failure { throw failure }
        if let done = current { stanzas.append(done) }
        return stanzas
    }

    /// Calls `body` with each line (1-based number, bytes without `\n` and a final `\r`) until it returns false.
    private static func forEachLine(_ bytes: [UInt8], _ body: (Int, ArraySlice<UInt8>) -> Bool) {
        var start = 0
        var number = 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            guard body(number, line) else { return }
            start = end + 1
            number += 1
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
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
