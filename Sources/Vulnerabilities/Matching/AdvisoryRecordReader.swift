import Foundation
import ScoutModel

/// Reads a stored advisory record straight from its bytes into an `Advisory`, without building a
/// `JSONValue` tree (a dictionary per object made that most of the index stage of a re-evaluation).
/// Strict: it accepts the records the store writes (any key order, unknown keys skipped, the escapes
/// `JSONEncoder` writes) and gives up (nil) on anything else, which `AdvisoryRecordDecoder` then reads
/// the general way, so both paths agree on every record.
struct AdvisoryRecordReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The advisory of `record`, or nil when the record is not in the plain form the store writes.
    static func read(_ record: Data) -> Advisory? {
        record.withUnsafeBytes { raw in
            var reader = AdvisoryRecordReader(raw.bindMemory(to: UInt8.self))
            guard let advisory = reader.advisory() else { return nil }
            reader.skipWhitespace()
            return reader.position == reader.bytes.count ? advisory : nil
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

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Calls `member` with each key (escape-free ASCII keys only), the reader placed at its value.
    private mutating func object(_ member: (inout AdvisoryRecordReader, String) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            guard consume(UInt8(ascii: "\"")) else { return false }
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") || bytes[position] < 0x20 { return false }
                position += 1
            }
            guard position < bytes.count else { return false }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            position += 1
            guard consume(UInt8(ascii: ":")), member(&self, key) else { return false }
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
        skipWhitespace()
        if bytes.count - position >= 4, bytes[position] == UInt8(ascii: "n") {
            guard bytes[position + 1] == UInt8(ascii: "u"), bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
            position += 4
            target = nil
            return true
        }
        guard let value = string() else { return false }
        target = value
        return true
    }

    /// A string with the escapes `JSONEncoder` writes (`\"`, `\\`, `\/`, `\n`, `\r`, `\t`, `\b`, `\f`);
    /// nil for anything else (`\u` escapes go the general way).
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
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
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                default: return nil
                }
            default:
                if byte < 0x20 { return nil }
                buffer.append(byte)
            }
        }
        return nil
    }

    /// Skips a value of a key this reader does not use: strings, numbers, literals and nested
    /// arrays or objects (to a fixed depth).
    private mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 32 else { return false }
        skipWhitespace()
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object { reader, _ in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return array { reader in reader.skipValue(depth: depth + 1) }
        default:
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "}"),
                  bytes[position] != UInt8(ascii: "]"), !(bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09) {
                position += 1
            }
            // A number or literal of the general parser's grammar; anything else goes the general way.
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            return text == "true" || text == "false" || text == "null" || (Double(text)?.isFinite ?? false)
        }
    }
}
