/// Escaping for the two output formats: the content types of the templates (`TemplateContentTypes`)
/// escape every `{{name}}` with these; both return the string itself when nothing needs escaping.
enum Escape {
    /// Escapes `<`, `>`, `&`, `"` and `'` for HTML text and attribute values.
    static func html(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])               // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])               // &gt;
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])         // &amp;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])   // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])         // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Makes text inert inline Markdown (GitHub flavour), safe inside a table cell: backslash-escapes
    /// the punctuation that starts emphasis, code, links, HTML, entities or cell breaks, and folds
    /// line breaks into spaces.
    static func markdown(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { markdownSpecial[Int($0)] != 0 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch markdownSpecial[Int(byte)] {
            case 1:
                out.append(0x5C)
                out.append(byte)
            case 2:
                out.append(0x20)
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Per byte: 1 = backslash-escape, 2 = fold into a space, 0 = keep.
    private static let markdownSpecial: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for character in "\\`*_{}[]<>#+!|~&$".utf8 { table[Int(character)] = 1 }
        for character in "\n\r\t".utf8 { table[Int(character)] = 2 }
        return table
    }()

    /// The URL when it is an absolute `http`/`https` URL without characters that could break out of
    /// an attribute or a Markdown link; nil otherwise (`javascript:`, `data:`, relative, …).
    static func webURL(_ text: String) -> String? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        func hasPrefix(_ prefix: String) -> Bool {
            let expected = Array(prefix.utf8)
            guard bytes.count >= expected.count else { return false }
            return zip(bytes.prefix(expected.count), expected).allSatisfy { ($0 | 0x20) == $1 }
        }
        guard hasPrefix("https://") || hasPrefix("http://") else { return nil }
        for byte in bytes {
            switch byte {
            case 0...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"),
                 UInt8(ascii: "\\"), UInt8(ascii: "("), UInt8(ascii: ")"):
                return nil
            default:
                continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing ASCII whitespace.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
