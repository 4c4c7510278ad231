import JSONText
import Testing

/// The one JSON parser of the project (advisory feeds, stored records, package manifests): the cases
/// of the importers' and the catalogers' former parsers, and hostile input (deep, large, malformed
/// bytes), each ending in a value or a `SyntaxError` naming the byte, never a crash.
@Suite struct JSONParserTests {
    static func parse(_ text: String, maximumDepth: Int = 64, maximumBytes: Int = 1 << 20) throws(JSONValue.SyntaxError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8), maximumDepth: maximumDepth, maximumBytes: maximumBytes)
    }

    static func failure(_ text: String, maximumDepth: Int = 64) -> JSONValue.SyntaxError? {
        do {
            _ = try parse(text, maximumDepth: maximumDepth)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try Self.parse(#" {"s": "text", "n": -1.5e3, "i": 42, "t": true, "f": false, "z": null, "a": [1, "two", []], "o": {}} "#)
        #expect(value["s"] == .string("text"))
        #expect(value["n"] == .number("-1.5e3"))
        #expect(value["n"]?.string == "-1.5e3")
        #expect(value["n"]?.double == -1500)
        #expect(value["i"]?.double == 42)
        #expect(value["t"]?.bool == true && value["f"]?.bool == false)
        #expect(value["z"] == .null)
        #expect(value["a"] == .array([.number("1"), .string("two"), .array([])]))
        #expect(value["a"]?.strings == ["1", "two"])
        #expect(value["o"]?.members?.isEmpty == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["inner"] == nil)
        #expect(value.members?.map(\.key) == ["s", "n", "i", "t", "f", "z", "a", "o"])
    }

    @Test func keepsMembersInOrderWithDuplicates() throws {
        let value = try Self.parse(#"{"b": 1, "a": 2, "b": 3}"#)
        #expect(value.members?.map(\.key) == ["b", "a", "b"])
        #expect(value["b"]?.string == "1", "the subscript gives the first")
        #expect(value.object?["b"]?.string == "3", "the dictionary keeps the last")
        #expect(value.object?.count == 2)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try Self.parse(#"{"a": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\u0041"}"#)
        #expect(value["a"]?.string == "x\"\\/\u{8}\u{C}\n\r\té😀A")
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try Self.parse(#""\ud800""#) == .string("\u{FFFD}"))
        #expect(try Self.parse(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try Self.parse(#""\ud800\u0041""#) == .string("\u{FFFD}"), "a high surrogate takes the next escape with it")
        #expect(try Self.parse(#""\ud83d\ude00\ud83d""#) == .string("😀\u{FFFD}"))
    }

    @Test func invalidUTF8IsRepairedNotTrusted() throws {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x5C, 0x6E, 0xF0, 0x9F, 0x22]] {
            let value = try JSONValue.parse(bytes, maximumDepth: 4, maximumBytes: 64)
            #expect(value.string?.contains("\u{FFFD}") == true, "\(bytes)")
        }
    }

    @Test func byteOrderMarkIsSkippedAtTheStartOnly() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), maximumDepth: 4, maximumBytes: 64) == .array([.number("1")]))
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Array("[1]".utf8) + [0xEF, 0xBB, 0xBF], maximumDepth: 4, maximumBytes: 64) }
    }

    /// Every message, and the byte it names: the importers print "invalid JSON (<message> at byte <n>)",
    /// the catalogers "it is not valid JSON (<message> at byte <n>)".
    @Test(arguments: [
        ("", "unexpected end of document", 0),
        ("   ", "unexpected end of document", 3),
        (#"{"packages": {"": {"name": "x", "#, "unexpected end of document", 32),
        ("[1, 2", "unexpected end of document", 5),
        (#"{"a": 1} x"#, "unexpected content after the document", 9),
        ("[1] [2]", "unexpected content after the document", 4),
        ("bogus deps.json", "unexpected character", 0),
        ("{not json", "expected a member name", 1),
        ("{\"a\" 1}", "expected ':'", 5),
        (#"{"a": 1 "b": 2}"#, "expected ',' or '}'", 8),
        ("[1 2]", "expected ',' or ']'", 3),
        ("[1,]", "unexpected character", 3),
        (#"{"a": 1,}"#, "expected a member name", 8),
        ("tru", "unexpected end of document", 0),
        ("nul!", "unexpected character", 0),
        ("\"\u{01}\"", "control character in a string", 1),
        ("\"a\nb\"", "control character in a string", 2),
        ("\"abc", "unterminated string", 4),
        (#""\x""#, "invalid escape", 3),
        (#""\u12G4""#, #"invalid \u escape"#, 5),
        (#""\u12"#, "unexpected end of document", 3),
        (#""\"#, "unexpected end of document", 2),
        ("-", "malformed number", 0),
        ("01", "malformed number", 0),
        ("1.", "malformed number", 0),
        ("1e+", "malformed number", 0),
        ("1e400", "malformed number", 0),
        ("+1", "unexpected character", 0),
        (".5", "unexpected character", 0),
        ("[1.2.3]", "expected ',' or ']'", 4),
        ("NaN", "unexpected character", 0),
    ])
    func reportsWhatAndWhere(text: String, message: String, offset: Int) {
        let error = Self.failure(text)
        #expect(error?.message == message, "\(text)")
        #expect(error?.offset == offset, "\(text)")
        #expect(error?.description == "\(message) at byte \(offset)")
    }

    @Test func validNumbersAreKeptAsWritten() throws {
        for text in ["0", "-0", "12", "-1.5", "1e5", "1E+5", "2.5e-3", "123456789012345678901234567890"] {
            #expect(try Self.parse(text) == .number(text))
        }
        #expect(try Self.parse("1e5").double == 100_000)
    }

    @Test func nestingIsBoundedAtTheGivenDepth() throws {
        func nested(_ depth: Int) -> String { String(repeating: #"{"a":"#, count: depth) + #""x""# + String(repeating: "}", count: depth) }
        #expect(try Self.parse(nested(63), maximumDepth: 64)["a"] != nil)
        #expect(Self.failure(nested(64), maximumDepth: 64)?.message == "nested deeper than 64 levels")
        #expect(Self.failure(nested(65), maximumDepth: 64)?.offset == 64 * 5)
        #expect(Self.failure(nested(129), maximumDepth: 128)?.message == "nested deeper than 128 levels")
    }

    @Test func hundredThousandOpenBracketsDoNotOverflowTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.failure(deep, maximumDepth: 128)?.message == "nested deeper than 128 levels")
    }

    @Test func sizeIsBoundedBeforeParsing() throws {
        let text = Array(#"["0123456789"]"#.utf8)
        #expect(try JSONValue.parse(text, maximumDepth: 4, maximumBytes: text.count) == .array([.string("0123456789")]))
        do {
            _ = try JSONValue.parse(text, maximumDepth: 4, maximumBytes: text.count - 1)
            Issue.record("a document over the limit was parsed")
        } catch {
            #expect(error == JSONValue.SyntaxError(message: "larger than \(text.count - 1) bytes", offset: 0))
        }
    }

    @Test func accessorsAreLooseButNeverWrong() throws {
        let value = try Self.parse(#"{"s": "  padded\t", "n": "2.5", "list": "not a list"}"#)
        #expect(value["s"]?.string == "  padded\t")
        #expect(value["n"]?.double == 2.5)
        #expect(value["list"]?.array == nil)
        #expect(value["list"]?.strings == [])
        #expect(value["s"]?.bool == nil)
        #expect(value.array == nil && value.string == nil && value.double == nil)
        #expect(JSONValue.array([]).members == nil && JSONValue.array([]).object == nil)
    }
}

/// The primitive the stored-record reader walks with: the same strings and numbers as the parser.
@Suite struct JSONScannerTests {
    @Test func readsTokensInPlaceAndLeavesThePositionAfterThem() throws {
        let text = Array(#"  "a\u00e9" : -2.5e1 ,"#.utf8)
        try text.withUnsafeBufferPointer { bytes in
            var scanner = JSONScanner(bytes: bytes)
            scanner.skipWhitespace()
            #expect(scanner.position == 2)
            let key = try scanner.string()
            #expect(key == "aé")
            let colon = scanner.consume(UInt8(ascii: ":"))
            let comma = scanner.consume(UInt8(ascii: ","))
            #expect(colon && !comma, "a number is next")
            let number = try scanner.number()
            #expect(number == "-2.5e1")
            let last = scanner.consume(UInt8(ascii: ","))
            #expect(last && scanner.isAtEnd)
        }
    }

    @Test func refusesWhatTheParserRefuses() {
        for text in [#""a\qb""#, "\"tab\there\"", #""open"#, "1.e3", "-x"] {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                var scanner = JSONScanner(bytes: bytes)
                let token = bytes.first == UInt8(ascii: "\"") ? (try? scanner.string()) : (try? scanner.number())
                #expect(token == nil, "\(text)")
                #expect((try? JSONValue.parse(bytes, maximumDepth: 4, maximumBytes: 64)) == nil, "\(text)")
            }
        }
    }
}
