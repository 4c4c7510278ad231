/// A JSON value as read from untrusted text (advisory feeds, stored records, package manifests):
/// lossless (members in document order with duplicates kept, numbers as written) and read loosely
/// through optional accessors, so callers pick the fields they know.
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    /// A number as written (RFC 8259's grammar, finite as a `Double`).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in document order (duplicates kept; `subscript` returns the first).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
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
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// A string value, or a number as written.
    public var string: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// A number, or a string holding one.
    public var double: Double? {
        switch self {
        case .number(let text), .string(let text): Double(text)
        default: nil
        }
    }

    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The elements of an array, else nil.
    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The strings (and numbers) of an array, skipping anything else; empty for a non-array.
    public var strings: [String] { (array ?? []).compactMap(\.string) }

    /// The members of an object in document order, else nil.
    public var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The members of an object by name (of duplicates the last), else nil.
    public var object: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return Dictionary(members, uniquingKeysWith: { _, last in last })
    }

    /// Why a document could not be read: a short phrase and the byte offset where reading stopped.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong, e.g. "unexpected end of document".
        public var message: String
        /// The offset of the offending byte from the start of the document.
        public var offset: Int

        public init(message: String, offset: Int) {
            self.message = message
            self.offset = offset
        }

        public var description: String { "\(message) at byte \(offset)" }
    }
}
