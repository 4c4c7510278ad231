import JSONText

/// A package manifest or lock file read as JSON: the shared `JSONValue` of the `JSONText` module,
/// parsed with the catalogers' limits (files come from untrusted images, so nesting depth and
/// document size are bounded and every malformed input ends in an error, never a crash).
public typealias JSONDocument = JSONValue

/// The limits of the JSON the catalogers read.
public enum CatalogJSON {
    /// Deepest nesting accepted.
    public static let maximumDepth = 128
    /// Largest document accepted (bytes).
    public static let maximumBytes = 64 << 20

    /// Parses a whole document within the catalogers' limits (a UTF-8 byte order mark is skipped).
    public static func parse(_ bytes: [UInt8]) throws(JSONValue.SyntaxError) -> JSONDocument {
        try JSONValue.parse(bytes, maximumDepth: maximumDepth, maximumBytes: maximumBytes)
    }
}

extension JSONValue {
    /// A string value without surrounding spaces, tabs and line breaks (or a number), nil when empty.
    var nonEmptyString: String? {
        guard let text = string?.trimmingCharacters(), !text.isEmpty else { return nil }
        return text
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingCharacters() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
