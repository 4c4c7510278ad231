import Foundation
import JSONText
import ScoutModel

/// Reads a stored advisory record straight from its bytes into an `Advisory`, without building a
/// `JSONValue` tree (a dictionary per object made that most of the index stage of a re-evaluation).
/// Strict: it accepts the records the store writes (any key order, unknown keys skipped; strings and
/// numbers read by the general parser's `JSONScanner`) and gives up (nil) on anything else, which
/// `AdvisoryRecordDecoder` then reads the general way, so both paths agree on every record.
struct AdvisoryRecordReader {
    /// Whitespace, strings and numbers are read by the general parser's own scanner.
    private var scanner: JSONScanner

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { scanner = JSONScanner(bytes: bytes) }

    /// The advisory of `record`, or nil when the record is not in the plain form the store writes.
    static func read(_ record: Data) -> Advisory? {
        record.withUnsafeBytes { raw in
            var reader = AdvisoryRecordReader(raw.bindMemory(to: UInt8.self))
            guard let advisory = reader.advisory() else { return nil }
            reader.scanner.skipWhitespace()
            return reader.scanner.isAtEnd ? advisory : nil
        }
    }

    private mutating func advisory() -> Advisory? {
        var id: String?
        var advisory = Advisory(id: "", affected: [])
        let complete = object { reader, key in
            switch key {
            case "id": id = reader.string()
            case "aliases": if let v = reader.strings() { advisory.aliases = v } else { return false }
            case "related": if let v = reader.strings() { advisory.related = v } else { return false }
            case "summary": return reader.optionalString(&advisory.summary)
            case "details": return reader.optionalString(&advisory.details)
            case "published": return reader.optionalString(&advisory.published)
            case "modified": return reader.optionalString(&advisory.modified)
            case "withdrawn": return reader.optionalString(&advisory.withdrawn)
            case "databaseSeverity": return reader.optionalString(&advisory.databaseSeverity)
            case "references": if let v = reader.strings() { advisory.references = v } else { return false }
            case "severity":
                var scores: [SeverityScore] = []
                guard reader.array({ reader in
                    var type: String?, score: String?
                    guard reader.object({ reader, key in
                        switch key {
                        case "type": type = reader.string(); return type != nil
                        case "score": score = reader.string(); return score != nil
                        default: return reader.skipValue()
                        }
                    }), let type, let score else { return false }
                    scores.append(SeverityScore(type: type, score: score))
                    return true
                }) else { return false }
                advisory.severity = scores
            case "affected":
                var affected: [AffectedPackage] = []
                guard reader.array({ reader in
                    guard let entry = reader.affectedPackage() else { return false }
                    affected.append(entry)
                    return true
                }) else { return false }
                advisory.affected = affected
            default: return reader.skipValue()
            }
            return key != "id" || id != nil
        }
        guard complete, let id else { return nil }
        advisory.id = id
        return advisory
    }

    private mutating func affectedPackage() -> AffectedPackage? {
        var ecosystem: String?, name: String?
        var entry = AffectedPackage(ecosystem: "", name: "")
        let complete = object { reader, key in
            switch key {
            case "ecosystem": ecosystem = reader.string(); return ecosystem != nil
            case "name": name = reader.string(); return name != nil
            case "purl": return reader.optionalString(&entry.purl)
            case "severity": return reader.optionalString(&entry.severity)
            case "versions":
                guard let versions = reader.strings() else { return false }
                entry.versions = versions
                return true
            case "ranges":
                var ranges: [AffectedRange] = []
                guard reader.array({ reader in
                    guard let range = reader.range() else { return false }
                    ranges.append(range)
                    return true
                }) else { return false }
                entry.ranges = ranges
                return true
            default: return reader.skipValue()
            }
        }
        guard complete, let ecosystem, let name else { return nil }
        entry.ecosystem = ecosystem
        entry.name = name
        return entry
    }

    private mutating func range() -> AffectedRange? {
        var type: AffectedRange.Kind?
        var events: [RangeEvent] = []
        let complete = object { reader, key in
            switch key {
            case "type":
                type = reader.string().flatMap(AffectedRange.Kind.init(rawValue:))
                return type != nil
            case "events":
                events = []
                return reader.array { reader in
                    guard let event = reader.event() else { return false }
                    events.append(event)
                    return true
                }
            default: return reader.skipValue()
            }
        }
        guard complete, let type else { return nil }
        return AffectedRange(type: type, events: events)
    }

    /// `{"fixed":{"_0":"1.2"}}`: exactly one known case with its one payload.
    private mutating func event() -> RangeEvent? {
        var event: RangeEvent?
        let complete = object { reader, key in
            guard event == nil else { return false }
            var version: String?
            guard reader.object({ reader, inner in
                guard inner == "_0", version == nil else { return false }
                version = reader.string()
                return version != nil
            }), let version else { return false }
            switch key {
            case "introduced": event = .introduced(version)
            case "fixed": event = .fixed(version)
            case "lastAffected": event = .lastAffected(version)
            case "limit": event = .limit(version)
            default: return false
            }
            return true
        }
        return complete ? event : nil
    }

    // MARK: - JSON pieces

    private mutating func consume(_ byte: UInt8) -> Bool { scanner.consume(byte) }

    /// Calls `member` with each key, the reader placed at its value.
    private mutating func object(_ member: (inout AdvisoryRecordReader, String) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = string(), consume(UInt8(ascii: ":")), member(&self, key) else { return false }
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}"))
        }
    }

    private mutating func array(_ element: (inout AdvisoryRecordReader) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]"))
        }
    }

    private mutating func strings() -> [String]? {
        var result: [String] = []
        let complete = array { reader in
            guard let value = reader.string() else { return false }
            result.append(value)
            return true
        }
        return complete ? result : nil
    }

    /// A string or `null` into `target`; false for anything else.
    private mutating func optionalString(_ target: inout String?) -> Bool {
        scanner.skipWhitespace()
        if !scanner.isAtEnd, scanner.bytes[scanner.position] == UInt8(ascii: "n") {
            guard literal("null") else { return false }
            target = nil
            return true
        }
        guard let value = string() else { return false }
        target = value
        return true
    }

    /// A string, read as the general parser reads it; nil when there is none or it is malformed.
    private mutating func string() -> String? {
        scanner.skipWhitespace()
        guard !scanner.isAtEnd, scanner.bytes[scanner.position] == UInt8(ascii: "\"") else { return nil }
        return try? scanner.string()
    }

    /// The literal `word` next; false (position unspecified) otherwise.
    private mutating func literal(_ word: StaticString) -> Bool { (try? scanner.literal(word)) != nil }

    /// Skips a value of a key this reader does not use: strings, numbers, literals and nested
    /// arrays or objects (to a fixed depth).
    private mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 32 else { return false }
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else { return false }
        switch scanner.bytes[scanner.position] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object { reader, _ in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return array { reader in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return (try? scanner.number()) != nil
        default: return false
        }
    }
}
