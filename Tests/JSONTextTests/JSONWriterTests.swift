import Foundation
import JSONText
import Testing

/// The writer against Foundation's `JSONEncoder` (the encoder the reports used before): same bytes
/// for the same value, in both layouts.
@Suite struct JSONWriterTests {
    /// Strings a hostile package database or advisory could hold.
    static let hostileStrings: [String] = [
        "", "plain", "quote \" and backslash \\ and both \\\"", "slash / and </script>",
        "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{E}\u{F}",
        "\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1A}\u{1B}\u{1C}\u{1D}\u{1E}\u{1F}",
        "DEL \u{7F} C1 \u{80}\u{9F} NBSP \u{A0}", "line\r\nbreaks\n\rand\ttabs",
        "é ü ß 中文 日本語 한국어 العربية עברית", "emoji 😀 👩‍👩‍👧‍👦 🏳️‍🌈 flags 🇩🇪",
        "separators \u{2028} \u{2029} BOM \u{FEFF} replacement \u{FFFD} private \u{E000} plane 16 \u{10FFFF}",
        "combining e\u{301} a\u{30A}\u{323}", "\"><img src=x onerror=alert(1)>", "javascript:alert('x')",
        String(repeating: "long \\ \"value\" ", count: 700),
    ]

    /// A document with every kind of member, optional members present or nil, and empty containers.
    struct Sample: Encodable, JSONWritable {
        var name: String
        var note: String?
        var count: Int
        var size: Int64
        var score: Double?
        var flag: Bool
        var tags: [String]
        var children: [Sample]
        var labels: [String: String]

        func write(to json: inout JSONWriter) {
            json.beginObject()
            json.field("children", children)
            json.field("count", count)
            json.field("flag", flag)
            json.field("labels", sortedKeys: labels)
            json.field("name", name)
            json.field("note", note)
            json.field("score", score)
            json.field("size", size)
            json.field("tags", tags)
            json.endObject()
        }
    }

    static func foundation(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: some JSONWritable, layout: JSONWriter.Layout) -> String {
        JSONWriter.document(value, layout: layout).text
    }

    static func sample(_ index: Int, depth: Int = 2) -> Sample {
        let strings = hostileStrings
        return Sample(
            name: strings[index % strings.count], note: index % 3 == 0 ? nil : strings[(index + 5) % strings.count],
            count: index % 2 == 0 ? index * 7919 : -index, size: index % 4 == 0 ? Int64.max : Int64.min + Int64(index),
            score: index % 3 == 1 ? nil : Double(index) * 1.1, flag: index % 2 == 0,
            tags: Array(strings.prefix(index % 5)),
            children: depth == 0 ? [] : (0..<(index % 3)).map { sample(index + $0 + 1, depth: depth - 1) },
            labels: index % 2 == 0 ? [:] : ["zeta": strings[index % strings.count], "Alpha": "A", "alpha": "a", "b-c": "/"])
    }

    @Test(arguments: [JSONWriter.Layout.pretty, .compact])
    func hostileDocumentsMatchJSONEncoder(layout: JSONWriter.Layout) throws {
        for index in 0..<40 {
            let value = Self.sample(index)
            let expected = try Self.foundation(value, pretty: layout == .pretty)
            let actual = Self.written(value, layout: layout)
            #expect(actual == expected, "sample \(index)")
        }
    }

    @Test func everyStringMatchesJSONEncoder() throws {
        // Each code point below U+0100 alone and inside text, then the hostile strings.
        let singles = (0..<0x100).map { String(Character(Unicode.Scalar($0)!)) }
        for string in singles + singles.map({ "a\($0)b" }) + Self.hostileStrings {
            #expect(Self.written(string, layout: .compact) == (try Self.foundation(string, pretty: false)),
                    "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Self.written([string], layout: .pretty) == (try Self.foundation([string], pretty: true)))
        }
    }

    @Test func escapingSlashesMatchesJSONEncodersDefault() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for string in Self.hostileStrings + ["lib/apk/db/installed", "//", "a\\/b", "/\u{0}/"] {
            var json = JSONWriter(layout: .compact, escapesSlashes: true)
            json.beginArray()
            json.string(string)
            json.endArray()
            #expect(json.text == String(decoding: try encoder.encode([string]), as: UTF8.self))
        }
        #expect(Self.written("a/b", layout: .compact) == "\"a/b\"", "slashes stay as they are by default")
    }

    @Test func escapesControlCharactersAsRFC8259() {
        #expect(Self.written("a\"b\\c/d\u{8}\u{9}\u{A}\u{C}\u{D}\u{0}\u{1F}\u{7F}é", layout: .compact)
                == "\"a\\\"b\\\\c/d\\b\\t\\n\\f\\r\\u0000\\u001f\u{7F}é\"")
    }

    @Test func doublesMatchJSONEncoder() throws {
        var values: [Double] = [0, -0.0, 1, 7, 7.5, 9.8, 10, 0.1, 0.2 + 0.1, 1.0 / 3, 1e15, 1e16, 1e20, 1e21, 1e-5, 1e-7,
                                Double(bitPattern: 1),
                                0.0001, 123456789012345680, .leastNormalMagnitude, .greatestFiniteMagnitude, -2.5e-8]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 { values.append(Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)) }
        for score in stride(from: 0.0, through: 10.0, by: 0.1) { values.append(score) }
        for value in values {
            #expect(Self.written(value, layout: .compact) == (try Self.foundation(value, pretty: false)), "\(value)")
        }
    }

    @Test func integersMatchJSONEncoder() throws {
        for value in [0, 1, 9, 10, -1, -10, 42, Int.max, Int.min] {
            #expect(Self.written(value, layout: .compact) == (try Self.foundation(value, pretty: false)))
        }
        #expect(Self.written([Int64.min, Int64.max], layout: .pretty) == (try Self.foundation([Int64.min, Int64.max], pretty: true)))
    }

    @Test func nonFiniteNumbersAreRecordedAndWrittenAsNull() {
        var json = JSONWriter(layout: .compact)
        json.beginArray()
        json.double(1.5)
        json.double(.nan)
        json.double(.infinity)
        json.endArray()
        #expect(json.text == "[1.5,null,null]")
        #expect(json.invalidNumber?.isNaN == true)
        #expect(JSONWriter.document(2.0, layout: .compact).invalidNumber == nil)
    }

    @Test func emptyContainersAndNestingInPrettyLayout() throws {
        var json = JSONWriter(layout: .pretty)
        json.beginObject()
        json.key("a"); json.beginArray(); json.endArray()
        json.key("b"); json.beginObject(); json.key("c"); json.beginArray(); json.beginObject(); json.endObject(); json.endArray(); json.endObject()
        json.key("quoted \"key\""); json.null()
        json.endObject()
        json.endLine()
        #expect(json.text == "{\n  \"a\" : [\n\n  ],\n  \"b\" : {\n    \"c\" : [\n      {\n\n      }\n    ]\n  },\n  \"quoted \\\"key\\\"\" : null\n}\n")
    }
}
