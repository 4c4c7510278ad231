/// A streaming JSON writer: appends the UTF-8 bytes of objects, arrays and values to `bytes`, with
/// the commas, and in `.pretty` layout the line breaks and indentation, that Foundation's
/// `JSONEncoder` writes with `[.prettyPrinted, .withoutEscapingSlashes]`.
///
/// Members are written in the order they are given: to match `.sortedKeys`, give them sorted.
/// Strings are escaped as `JSONEncoder` escapes them (see `appendString(_:to:)`), doubles are
/// formatted as it formats them (see `double(_:)`).
///
///     var json = JSONWriter(layout: .pretty)
///     json.beginObject()
///     json.field("name", "alpine")
///     json.field("tags", ["3.11", "latest"])
///     json.endObject()
///     let text = json.text   // {\n  "name" : "alpine",\n  "tags" : [\n    "3.11", …
public struct JSONWriter: Sendable {
    /// How members and elements are laid out.
    public enum Layout: Sendable {
        /// No whitespace at all: `{"a":[1,2]}`.
        case compact
        /// `JSONEncoder`'s `.prettyPrinted`: two-space indent, `"key" : value`, and an empty
        /// container written as its brackets around an empty line.
        case pretty
    }

    /// The bytes written so far (UTF-8).
    public private(set) var bytes: [UInt8]
    /// The layout chosen at creation.
    public let layout: Layout
    /// Whether strings write `/` as `\/`, as `JSONEncoder` does without `.withoutEscapingSlashes`
    /// (the store's finding records).
    public let escapesSlashes: Bool
    /// The first non-finite double met (JSON has no NaN or infinity; `JSONEncoder` throws on them).
    /// Such a value is written as `null`; callers that must fail as `JSONEncoder` does check this.
    public private(set) var invalidNumber: Double?

    /// Nesting depth of the open containers.
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var containerIsEmpty = true
    /// Whether a key was just written, so the next value follows it without a separator.
    private var afterKey = false

    /// A writer with an empty buffer of `capacity` bytes reserved.
    public init(layout: Layout = .compact, capacity: Int = 0, escapesSlashes: Bool = false) {
        self.layout = layout
        self.escapesSlashes = escapesSlashes
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written so far as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands over the bytes written so far and empties the buffer, keeping the open containers: a
    /// large document is written out in pieces (the fleet's findings export) and never held whole.
    public mutating func takeBytes() -> [UInt8] {
        let taken = bytes
        bytes.removeAll(keepingCapacity: true)
        return taken
    }

    // MARK: Structure

    /// Opens an object (as a top-level value, an array element, or after `key`).
    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    /// Closes the innermost object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array (as a top-level value, an array element, or after `key`).
    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the innermost array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes a member's key; the next value written is its value. `name` is written as is: it
    /// must need no escaping (a static identifier such as `bom-ref` or `$schema`).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        appendColon()
    }

    /// Writes a member's key from any string, escaped.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &bytes, escapingSlashes: escapesSlashes)
        appendColon()
    }

    /// Appends a line feed after the document (the report files end with one).
    public mutating func endLine() {
        bytes.append(0x0A)
    }

    // MARK: Values

    /// Writes a string value, escaped.
    public mutating func string(_ value: String) {
        separate()
        Self.appendString(value, to: &bytes, escapingSlashes: escapesSlashes)
    }

    /// Writes an integer value.
    public mutating func int(_ value: Int) {
        separate()
        appendInteger(Int64(value))
    }

    /// Writes a 64-bit integer value.
    public mutating func int(_ value: Int64) {
        separate()
        appendInteger(value)
    }

    /// Writes a double as `JSONEncoder` does: Swift's shortest round-trip `description` without a
    /// trailing `.0` (`7.0` → `7`, `7.5` → `7.5`, `1e20` → `1e+20`). A NaN or infinity is written
    /// as `null` and recorded in `invalidNumber`.
    public mutating func double(_ value: Double) {
        separate()
        guard value.isFinite else {
            if invalidNumber == nil { invalidNumber = value }
            appendLiteral("null")
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        appendLiteral(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        appendLiteral("null")
    }

    // MARK: Escaping

    /// Appends `value` as a JSON string literal (RFC 8259): `"` and `\` escaped with a backslash;
    /// backspace, tab, line feed, form feed and carriage return as `\b \t \n \f \r`; the other
    /// control characters below U+0020 as `\u00xx` (lowercase hex); everything else, `/` and
    /// U+007F included, as its UTF-8 bytes. This is what `JSONEncoder` writes with
    /// `.withoutEscapingSlashes`.
    /// With `escapingSlashes`, `/` is written `\/` too.
    public static func appendString(_ value: String, to bytes: inout [UInt8], escapingSlashes: Bool = false) {
        var value = value
        value.withUTF8 { appendString(utf8: $0, to: &bytes, escapingSlashes: escapingSlashes) }
    }

    /// `appendString(_:to:)` for UTF-8 bytes that are known to be valid.
    public static func appendString(utf8 source: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], escapingSlashes: Bool = false) {
        let slash: UInt8 = escapingSlashes ? UInt8(ascii: "/") : UInt8(ascii: "\\")
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        let count = source.count
        while index < count {
            let byte = source[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != slash {
                index += 1
                continue
            }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index])) }
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
            index += 1
            runStart = index
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count])) }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    // MARK: Layout

    /// Before a value or key: nothing after a key or at the top level, else the comma (when the
    /// container already has a member) and, pretty, the line break and indentation.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if !containerIsEmpty { bytes.append(UInt8(ascii: ",")) }
        containerIsEmpty = false
        if layout == .pretty { newline(indent: depth) }
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        depth += 1
        containerIsEmpty = true
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0 && !afterKey, "JSONWriter: unbalanced container or a key without a value")
        depth -= 1
        if layout == .pretty {
            // JSONEncoder writes an empty container as its brackets around an empty line.
            if containerIsEmpty { bytes.append(0x0A) }
            newline(indent: depth)
        }
        bytes.append(bracket)
        containerIsEmpty = false
    }

    private mutating func appendColon() {
        if layout == .pretty {
            bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    private mutating func newline(indent: Int) {
        bytes.append(0x0A)
        for _ in 0..<indent { bytes.append(contentsOf: [0x20, 0x20]) }
    }

    private mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendInteger(_ value: Int64) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }
}
