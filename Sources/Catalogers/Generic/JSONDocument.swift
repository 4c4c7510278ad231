/// A JSON value read by a small bounded parser (no Foundation): catalogers read package manifests
/// and lock files from untrusted images, so nesting depth and document size are limited and every
/// malformed input ends in an error, never a crash.
public indirect enum JSONDocument: Sendable, Hashable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONDocument])
    /// Members in document order (duplicates kept; `subscript` returns the first).
    case object([(key: String, value: JSONDocument)])

    /// Deepest nesting accepted.
    public static let maximumDepth = 128
    /// Largest document accepted (bytes).
    public static let maximumBytes = 64 << 20

    public static func == (lhs: JSONDocument, rhs: JSONDocument) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let text), .number(let text): hasher.combine(text)
        case .bool(let flag): hasher.combine(flag)
        case .null: hasher.combine(0)
        case .array(let items): hasher.combine(items)
        case .object(let members):
            for member in members { hasher.combine(member.key); hasher.combine(member.value) }
        }
    }

    /// The first member named `key` of an object, else nil.
    public subscript(key: String) -> JSONDocument? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A string value, or a number as written.
    public var string: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// A non-empty string value, or nil.
    public var nonEmptyString: String? {
        guard let text = string?.trimmingCharacters(), !text.isEmpty else { return nil }
        return text
    }

    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var array: [JSONDocument]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var members: [(key: String, value: JSONDocument)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Why a document could not be read: a short phrase with the byte offset.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var message: String
        public var offset: Int
    }

    /// Parses a whole document (a UTF-8 byte order mark is skipped).
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONDocument {
        guard bytes.count <= maximumBytes else {
            throw SyntaxError(message: "larger than \(maximumBytes) bytes", offset: 0)
        }
        return try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            var parser = JSONParser(bytes: buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.position = 3 }
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.position == buffer.count else { throw parser.error("unexpected content after the document") }
            return value
        }
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
