import Foundation
import ScoutModel

/// Writes a `Finding` as the JSON the store keeps for it: the same bytes as `ScoutStore.encoder`
/// (`JSONEncoder` with sorted keys: `/` escaped, nil optionals left out), several times faster. Recording
/// a run writes every finding of every image, and `JSONEncoder` made that a sixth of a re-evaluation.
/// Tests compare its output with `JSONEncoder`'s byte for byte. A value `JSONEncoder` would refuse (a
/// non-finite number) returns nil, so the caller can let `JSONEncoder` report it as before.
enum FindingRecordEncoder {
    static func encode(_ finding: Finding) -> String? {
        var out = Writer()
        out.bytes.reserveCapacity(768 + (finding.details?.utf8.count ?? 0))
        out.open()
        out.key("affectedRange"); out.string(finding.affectedRange)
        out.key("aliases"); out.strings(finding.aliases)
        if let value = finding.cvssScore { out.key("cvssScore"); guard out.number(value) else { return nil } }
        if let value = finding.cvssVector { out.key("cvssVector"); out.string(value) }
        if let value = finding.details { out.key("details"); out.string(value) }
        out.key("ecosystem"); out.string(finding.ecosystem)
        if let epss = finding.epss {
            out.key("epss")
            out.open()
            out.key("cveID"); out.string(epss.cveID)
            if let date = epss.date { out.key("date"); out.string(date) }
            out.key("percentile"); guard out.number(epss.percentile) else { return nil }
            out.key("score"); guard out.number(epss.score) else { return nil }
            out.close()
        }
        if let value = finding.firstSeen { out.key("firstSeen"); out.string(value) }
        out.key("fixedVersions"); out.strings(finding.fixedVersions)
        out.key("isNew"); out.raw(finding.isNew ? "true" : "false")
        if let kev = finding.kev {
            out.key("kev")
            out.open()
            out.key("cveID"); out.string(kev.cveID)
            if let value = kev.dateAdded { out.key("dateAdded"); out.string(value) }
            if let value = kev.dueDate { out.key("dueDate"); out.string(value) }
            if let value = kev.knownRansomwareCampaignUse { out.key("knownRansomwareCampaignUse"); out.string(value) }
            if let value = kev.name { out.key("name"); out.string(value) }
            if let value = kev.requiredAction { out.key("requiredAction"); out.string(value) }
            out.close()
        }
        out.key("package"); package(finding.package, into: &out)
        out.key("references"); out.strings(finding.references)
        out.key("severity"); out.string(finding.severity.rawValue)
        if let value = finding.severitySource { out.key("severitySource"); out.string(value) }
        if let value = finding.summary { out.key("summary"); out.string(value) }
        if let suppression = finding.suppression {
            out.key("suppression")
            out.open()
            if let value = suppression.expires { out.key("expires"); out.string(value) }
            if let value = suppression.justification { out.key("justification"); out.string(value) }
            out.key("kind"); out.string(suppression.kind.rawValue)
            out.key("source"); out.string(suppression.source)
            if let value = suppression.statement { out.key("statement"); out.string(value) }
            out.key("status"); out.string(suppression.status)
            out.close()
        }
        out.key("vulnerabilityID"); out.string(finding.vulnerabilityID)
        out.close()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private static func package(_ package: Package, into out: inout Writer) {
        out.open()
        if let value = package.architecture { out.key("architecture"); out.string(value) }
        out.key("cataloger"); out.string(package.cataloger)
        if let value = package.layerDiffID { out.key("layerDiffID"); out.string(value) }
        out.key("licenses"); out.strings(package.licenses)
        out.key("locations"); out.strings(package.locations)
        out.key("name"); out.string(package.name)
        out.key("purl"); out.string(package.purl)
        if let value = package.sourceName { out.key("sourceName"); out.string(value) }
        if let value = package.sourceVersion { out.key("sourceVersion"); out.string(value) }
        out.key("type"); out.string(package.type.rawValue)
        out.key("version"); out.string(package.version)
        out.close()
    }

    /// JSON output as `JSONEncoder` writes it: objects opened and closed by the caller, keys in the
    /// order given (the caller gives them sorted).
    struct Writer {
        var bytes: [UInt8] = []
        /// False right after an opening brace: the next key takes no comma.
        private var needsComma = false

        mutating func open() {
            bytes.append(UInt8(ascii: "{"))
            needsComma = false
        }

        mutating func close() {
            bytes.append(UInt8(ascii: "}"))
            needsComma = true
        }

        mutating func key(_ name: StaticString) {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
            needsComma = true
        }

        mutating func raw(_ text: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func strings(_ values: [String]) {
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(value)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        /// A finite number in Swift's shortest round-trip form, as `JSONEncoder` writes it (`7.5`, `7` for
        /// an integral value); false for a non-finite one.
        mutating func number(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
            return true
        }

        private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

        /// A JSON string escaped as `JSONEncoder` escapes it: quotes, backslashes, `/` and control characters.
        mutating func string(_ value: String) {
            bytes.append(UInt8(ascii: "\""))
            // Most strings need no escaping: copy them whole.
            let plain = value.utf8.withContiguousStorageIfAvailable { buffer in
                !buffer.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") }
            }
            if plain == true {
                bytes.append(contentsOf: value.utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
                case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
                case ..<0x20:
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
