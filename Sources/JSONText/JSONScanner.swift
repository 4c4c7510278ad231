/// The token-level primitives of JSON text (RFC 8259) over a byte buffer: whitespace, strings and
/// numbers. `JSONValue.parse` builds its trees with it, and readers that walk a known document
/// shape straight from its bytes (the stored advisory records) use the same string and number
/// rules, so both ways of reading agree on every value.
///
/// The scanner does not own its bytes: keep the buffer alive while it is in use.
public struct JSONScanner {
    /// The document.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    public var position: Int

    /// A scanner at the start of `bytes` (or at `position`).
    public init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { position >= bytes.count }

    /// A syntax error at the current position.
    public func error(_ message: String) -> JSONValue.SyntaxError {
        JSONValue.SyntaxError(message: message, offset: position)
    }

    /// Skips spaces, tabs, carriage returns and line feeds.
    @inlinable public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Skips whitespace, then the byte `byte` if it is next; false (nothing but the whitespace
    /// read) otherwise.
    @inlinable public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// The string starting at the current position (its opening quote), with every escape decoded:
    /// a `\u` pair of surrogates becomes one scalar, a lone surrogate U+FFFD, and invalid UTF-8 is
    /// repaired the way `String(decoding:as:)` repairs it. Control characters must be escaped.
    public mutating func string() throws(JSONValue.SyntaxError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            position += 1
        }
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &buffer)
            default:
                if byte < 0x20 { throw error("control character in a string") }
                buffer.append(byte)
            }
        }
        throw error("unterminated string")
    }

    /// The escape after a backslash, appended to `buffer` as UTF-8.
    private mutating func escape(into buffer: inout [UInt8]) throws(JSONValue.SyntaxError) {
        guard position < bytes.count else { throw error("unexpected end of document") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count,
               bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                position += 2
                let low = try hex4()
                code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape")
        }
    }

    private mutating func hex4() throws(JSONValue.SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unexpected end of document") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            code = code << 4 | UInt32(digit)
            position += 1
        }
        return code
    }

    /// The literal `word` (`true`, `false` or `null`) at the current position.
    public mutating func literal(_ word: StaticString) throws(JSONValue.SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of document") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw error("unexpected character")
        }
        position += count
    }

    /// The number starting at the current position, as written: `-`, digits, an optional fraction
    /// and exponent (RFC 8259's grammar). A number too large for a `Double` is refused, so every
    /// number accepted converts to a finite `Double`.
    public mutating func number() throws(JSONValue.SyntaxError) -> String {
        let start = position
        var end = position
        let valid = Self.numberEnd(bytes, from: start, end: &end)
        position = end
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard valid, Double(text)?.isFinite == true else { position = start; throw error("malformed number") }
        return text
    }

    /// Reads `-? int frac? exp?` from `start`; `end` is left after the last byte read.
    private static func numberEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: inout Int) -> Bool {
        func digits(_ end: inout Int) -> Int {
            let first = end
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            return end - first
        }
        end = start
        if end < bytes.count, bytes[end] == UInt8(ascii: "-") { end += 1 }
        let integer = end
        guard digits(&end) > 0 else { return false }
        // A leading zero stands alone ("01" is not a number).
        if bytes[integer] == UInt8(ascii: "0"), end - integer > 1 { return false }
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            end += 1
            guard digits(&end) > 0 else { return false }
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "E") {
            end += 1
            if end < bytes.count, bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-") { end += 1 }
            guard digits(&end) > 0 else { return false }
        }
        return true
    }
}
