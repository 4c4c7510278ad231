extension JSONValue {
    /// Parses a whole document (RFC 8259; a leading UTF-8 byte order mark is skipped), refusing
    /// documents larger than `maximumBytes` and nesting deeper than `maximumDepth`, so hostile input
    /// ends in a `SyntaxError`, never a crash or a stack overflow.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, maximumBytes: Int) throws(SyntaxError) -> JSONValue {
        guard bytes.count <= maximumBytes else {
            throw SyntaxError(message: "larger than \(maximumBytes) bytes", offset: 0)
        }
        var parser = JSONParser(scanner: JSONScanner(bytes: bytes), maximumDepth: maximumDepth)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.scanner.position = 3 }
        let value = try parser.value(depth: 0)
        parser.scanner.skipWhitespace()
        guard parser.scanner.isAtEnd else { throw parser.scanner.error("unexpected content after the document") }
        return value
    }

    /// `parse(_:maximumDepth:maximumBytes:)` over an array of bytes.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int, maximumBytes: Int) throws(SyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            try parse(buffer, maximumDepth: maximumDepth, maximumBytes: maximumBytes)
        }
    }

    /// `parse(_:maximumDepth:maximumBytes:)` over raw bytes (`Data`'s `withUnsafeBytes`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int, maximumBytes: Int) throws(SyntaxError) -> JSONValue {
        try parse(bytes.bindMemory(to: UInt8.self), maximumDepth: maximumDepth, maximumBytes: maximumBytes)
    }
}

/// Recursive descent from bytes to `JSONValue`, depth-limited.
struct JSONParser {
    var scanner: JSONScanner
    let maximumDepth: Int

    mutating func value(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        guard depth < maximumDepth else { throw scanner.error("nested deeper than \(maximumDepth) levels") }
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else { throw scanner.error("unexpected end of document") }
        switch scanner.bytes[scanner.position] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try scanner.string())
        case UInt8(ascii: "t"): try scanner.literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try scanner.literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try scanner.literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try scanner.number())
        default: throw scanner.error("unexpected character")
        }
    }

    private mutating func object(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        scanner.position += 1
        var members: [(key: String, value: JSONValue)] = []
        if scanner.consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            scanner.skipWhitespace()
            guard !scanner.isAtEnd else { throw scanner.error("unexpected end of document") }
            guard scanner.bytes[scanner.position] == UInt8(ascii: "\"") else { throw scanner.error("expected a member name") }
            let key = try scanner.string()
            guard scanner.consume(UInt8(ascii: ":")) else { throw scanner.error("expected ':'") }
            members.append((key, try value(depth: depth + 1)))
            try separator(closing: UInt8(ascii: "}"), "expected ',' or '}'")
            if scanner.bytes[scanner.position - 1] == UInt8(ascii: "}") { return .object(members) }
        }
    }

    private mutating func array(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        scanner.position += 1
        var items: [JSONValue] = []
        if scanner.consume(UInt8(ascii: "]")) { return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            try separator(closing: UInt8(ascii: "]"), "expected ',' or ']'")
            if scanner.bytes[scanner.position - 1] == UInt8(ascii: "]") { return .array(items) }
        }
    }

    /// Reads the ',' between two items or the container's closing byte.
    private mutating func separator(closing: UInt8, _ message: String) throws(JSONValue.SyntaxError) {
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else { throw scanner.error("unexpected end of document") }
        let byte = scanner.bytes[scanner.position]
        guard byte == UInt8(ascii: ",") || byte == closing else { throw scanner.error(message) }
        scanner.position += 1
    }
}
