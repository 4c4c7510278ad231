import Foundation
import JSONText
import Vulnerabilities

/// The JSON parser every importer and cataloger reads through, and the stored-record reader on top of it.
enum JSONTargets {
    /// Whatever parses is written back with `JSONWriter` and parses again to the same value (numbers
    /// compared as doubles, every string exactly): the writer's escaping and the parser's decoding agree.
    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes, maximumDepth: 64, maximumBytes: 1 << 20) else { return }
        var writer = JSONWriter(layout: bytes.count % 2 == 0 ? .compact : .pretty)
        write(value, to: &writer)
        let again = try? JSONValue.parse(writer.bytes, maximumDepth: 64, maximumBytes: .max)
        FuzzCheck.require(again.map { same(value, $0) } ?? false, "\(value) written as \(writer.text) read back as \(String(describing: again))")
    }

    /// The stored-record decoder (its direct reader and its general fallback) on any bytes.
    static func record(_ bytes: [UInt8]) {
        _ = AdvisoryRecordDecoder.decode(Data(bytes))
    }

    private static func write(_ value: JSONValue, to writer: inout JSONWriter) {
        switch value {
        case .string(let text): writer.string(text)
        case .number(let text): writer.double(Double(text)!)
        case .bool(let flag): writer.bool(flag)
        case .null: writer.null()
        case .array(let items):
            writer.beginArray()
            for item in items { write(item, to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.key)
                write(member.value, to: &writer)
            }
            writer.endObject()
        }
    }

    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): Double(x) == Double(y)
        case (.array(let x), .array(let y)): x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
        default: a == b
        }
    }
}
