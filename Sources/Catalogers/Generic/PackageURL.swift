/// Builds package URLs as the package-url specification writes them.
public enum PackageURL {
    /// `pkg:TYPE/NAMESPACE/NAME@VERSION?k=v&…`: segments and values percent-encoded (everything but
    /// `A–Z a–z 0–9 . - _ ~`, so an epoch's `:` becomes `%3A` and `+` becomes `%2B`), qualifiers sorted
    /// by key, empty qualifier values left out.
    public static func make(type: String, namespace: String?, name: String, version: String?, qualifiers: [String: String] = [:]) -> String {
        var text = "pkg:" + type.lowercased() + "/"
        if let namespace, !namespace.isEmpty {
            text += namespace.split(separator: "/").map { encode(String($0)) }.joined(separator: "/") + "/"
        }
        text += encode(name)
        if let version, !version.isEmpty { text += "@" + encode(version) }
        let pairs = qualifiers.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        if !pairs.isEmpty {
            text += "?" + pairs.map { $0.key.lowercased() + "=" + encode($0.value) }.joined(separator: "&")
        }
        return text
    }

    /// Percent-encodes every byte outside the unreserved set.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}
