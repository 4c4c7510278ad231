import Foundation
import JSONText
import ScoutModel

/// Reads the advisory records the store keeps (the JSON of `Advisory`'s synthesized `Codable`) with our
/// own parser: building the index decodes every stored advisory, and `JSONDecoder` made that the
/// slowest stage of a re-evaluation.
public enum AdvisoryRecordDecoder {
    /// One stored record; nil when it is not an advisory record.
    public static func decode(_ record: Data) -> Advisory? {
        // The records the store writes are read straight from their bytes; anything unusual the general way.
        if let advisory = AdvisoryRecordReader.read(record) { return advisory }
        guard let value = try? record.withUnsafeBytes({ bytes throws(JSONValue.SyntaxError) in
                  try JSONValue.parse(bytes, maximumDepth: JSONValue.maximumDepth, maximumBytes: .max)
              }),
              let id = value["id"]?.string else { return nil }
        var affected: [AffectedPackage] = []
        for entry in value["affected"]?.array ?? [] {
            guard let ecosystem = entry["ecosystem"]?.string, let name = entry["name"]?.string else { return nil }
            var ranges: [AffectedRange] = []
            for range in entry["ranges"]?.array ?? [] {
                guard let type = range["type"]?.string.flatMap(AffectedRange.Kind.init(rawValue:)) else { return nil }
                var events: [RangeEvent] = []
                for event in range["events"]?.array ?? [] {
                    if let version = event["introduced"]?["_0"]?.string { events.append(.introduced(version)) }
                    else if let version = event["fixed"]?["_0"]?.string { events.append(.fixed(version)) }
                    else if let version = event["lastAffected"]?["_0"]?.string { events.append(.lastAffected(version)) }
                    else if let version = event["limit"]?["_0"]?.string { events.append(.limit(version)) }
                    else { return nil }
                }
                ranges.append(AffectedRange(type: type, events: events))
            }
            affected.append(AffectedPackage(
                ecosystem: ecosystem, name: name, purl: entry["purl"]?.string, ranges: ranges,
                versions: entry["versions"]?.strings ?? [], severity: entry["severity"]?.string))
        }
        let severity = (value["severity"]?.array ?? []).compactMap { item -> SeverityScore? in
            guard let type = item["type"]?.string, let score = item["score"]?.string else { return nil }
            return SeverityScore(type: type, score: score)
        }
        return Advisory(
            id: id, aliases: value["aliases"]?.strings ?? [], related: value["related"]?.strings ?? [],
            summary: value["summary"]?.string, details: value["details"]?.string,
            published: value["published"]?.string, modified: value["modified"]?.string,
            withdrawn: value["withdrawn"]?.string, severity: severity,
            databaseSeverity: value["databaseSeverity"]?.string, affected: affected,
            references: value["references"]?.strings ?? [])
    }
}
