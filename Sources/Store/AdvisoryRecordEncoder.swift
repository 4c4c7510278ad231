import ScoutModel

/// Writes an `Advisory` as the JSON its synthesized `Codable` conformance reads back, several times
/// faster than `JSONEncoder` (which cost about 15% of a large OSV import). A round-trip test keeps the
/// two in step.
enum AdvisoryRecordEncoder {
    static func encode(_ advisory: Advisory) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + (advisory.details?.utf8.count ?? 0))
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        key("id"); string(advisory.id, into: &out)
        key("aliases"); strings(advisory.aliases, into: &out)
        key("related"); strings(advisory.related, into: &out)
        if let value = advisory.summary { key("summary"); string(value, into: &out) }
        if let value = advisory.details { key("details"); string(value, into: &out) }
        if let value = advisory.published { key("published"); string(value, into: &out) }
        if let value = advisory.modified { key("modified"); string(value, into: &out) }
        if let value = advisory.withdrawn { key("withdrawn"); string(value, into: &out) }
        key("severity")
        out.append(UInt8(ascii: "["))
        for (index, score) in advisory.severity.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append("{\"type\":", into: &out); string(score.type, into: &out)
            append(",\"score\":", into: &out); string(score.score, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let value = advisory.databaseSeverity { key("databaseSeverity"); string(value, into: &out) }
        key("affected")
        out.append(UInt8(ascii: "["))
        for (index, affected) in advisory.affected.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append("{\"ecosystem\":", into: &out); string(affected.ecosystem, into: &out)
            append(",\"name\":", into: &out); string(affected.name, into: &out)
            if let purl = affected.purl { append(",\"purl\":", into: &out); string(purl, into: &out) }
            append(",\"ranges\":[", into: &out)
            for (rangeIndex, range) in affected.ranges.enumerated() {
                if rangeIndex > 0 { out.append(UInt8(ascii: ",")) }
                append("{\"type\":", into: &out); string(range.type.rawValue, into: &out)
                append(",\"events\":[", into: &out)
                for (eventIndex, event) in range.events.enumerated() {
                    if eventIndex > 0 { out.append(UInt8(ascii: ",")) }
                    // Synthesized Codable of an enum with an unlabelled payload: {"case":{"_0":value}}.
                    let name: String
                    switch event {
                    case .introduced: name = "introduced"
                    case .fixed: name = "fixed"
                    case .lastAffected: name = "lastAffected"
                    case .limit: name = "limit"
                    }
                    append("{\"\(name)\":{\"_0\":", into: &out); string(event.version, into: &out)
                    append("}}", into: &out)
                }
                append("]}", into: &out)
            }
            append("],\"versions\":", into: &out); strings(affected.versions, into: &out)
            if let severity = affected.severity { append(",\"severity\":", into: &out); string(severity, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        key("references"); strings(advisory.references, into: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    private static func strings(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as UTF-8.
    static func string(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: value.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
