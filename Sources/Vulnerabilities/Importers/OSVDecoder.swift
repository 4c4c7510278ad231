import Foundation
import JSONText
import ScoutModel

/// Reads OSV records (schema 1.x), JSON or YAML, into `Advisory` values.
public enum OSVDecoder {
    /// One record from JSON bytes.
    public static func decodeJSON(_ data: Data, path: String) throws(ImportError) -> Advisory {
        try advisory(from: JSONValue.parseJSON(data, path: path), path: path)
    }

    /// One record from YAML text (timestamps are kept as strings).
    public static func decodeYAML(_ text: String, path: String) throws(ImportError) -> Advisory {
        try advisory(from: JSONValue.parseYAML(text, path: path), path: path)
    }

    static func advisory(from value: JSONValue, path: String) throws(ImportError) -> Advisory {
        guard value.members != nil else { throw ImportError(path: path, reason: .malformed("the document is not an OSV object")) }
        guard let id = value["id"]?.string, !id.isEmpty else {
            throw ImportError(path: path, reason: .malformed("the record has no 'id'"))
        }
        var affected: [AffectedPackage] = []
        for (index, entry) in (value["affected"]?.array ?? []).enumerated() {
            affected.append(try affectedPackage(entry, path: path, at: "affected[\(index)]"))
        }
        let severity = (value["severity"]?.array ?? []).compactMap { item -> SeverityScore? in
            guard let type = item["type"]?.string, let score = item["score"]?.string else { return nil }
            return SeverityScore(type: type, score: score)
        }
        let references = (value["references"]?.array ?? []).compactMap { $0["url"]?.string }
        return Advisory(
            id: id,
            aliases: value["aliases"]?.strings ?? [],
            related: value["related"]?.strings ?? [],
            summary: value["summary"]?.string,
            details: value["details"]?.string,
            published: value["published"]?.string,
            modified: value["modified"]?.string,
            withdrawn: value["withdrawn"]?.string,
            severity: severity,
            databaseSeverity: value["database_specific"]?["severity"]?.string,
            affected: affected,
            references: references)
    }

    private static func affectedPackage(_ entry: JSONValue, path: String, at location: String) throws(ImportError) -> AffectedPackage {
        let package = entry["package"]
        guard let ecosystem = package?["ecosystem"]?.string, let name = package?["name"]?.string else {
            throw ImportError(path: path, reason: .malformed("\(location) has no package ecosystem and name"))
        }
        var ranges: [AffectedRange] = []
        for (index, range) in (entry["ranges"]?.array ?? []).enumerated() {
            guard let typeText = range["type"]?.string, let type = AffectedRange.Kind(rawValue: typeText) else {
                throw ImportError(path: path, reason: .malformed("\(location).ranges[\(index)] has an unknown type"))
            }
            var events: [RangeEvent] = []
            for event in range["events"]?.array ?? [] {
                if let version = event["introduced"]?.string { events.append(.introduced(version)) }
                else if let version = event["fixed"]?.string { events.append(.fixed(version)) }
                else if let version = event["last_affected"]?.string { events.append(.lastAffected(version)) }
                else if let version = event["limit"]?.string { events.append(.limit(version)) }
                else {
                    throw ImportError(path: path, reason: .malformed("\(location).ranges[\(index)] has an event of no known kind"))
                }
            }
            ranges.append(AffectedRange(type: type, events: events))
        }
        let severity = entry["ecosystem_specific"]?["severity"]?.string
            ?? entry["database_specific"]?["severity"]?.string
        return AffectedPackage(
            ecosystem: ecosystem, name: name, purl: package?["purl"]?.string,
            ranges: ranges, versions: entry["versions"]?.strings ?? [], severity: severity)
    }
}
