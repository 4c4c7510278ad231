import Queue
import Yams

extension ConfigLoader {
    static let queueKeys = ["url", "lease", "attempts", "wait"]

    /// `queue:` with `url` (postgresql://…) and optional `lease`, `attempts`, `wait`.
    static func queue(_ node: Node, reader: NodeReader) throws -> WorkQueueSettings {
        let entry = try reader.mapping(node, context: "the queue settings", allowed: queueKeys)
        let url = try reader.required(entry, "url", in: node, context: "the queue settings")
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            throw reader.error(entry["url"]!, .badValue(key: "url", value: PostgresConnection.redact(url), expected: "a postgresql:// URL such as postgresql://scout@db.internal:5432/scout"))
        }
        var settings = WorkQueueSettings(url: url)
        if let value = entry["lease"] { settings.lease = Double(try integer(value, key: "lease", range: 1...86_400, reader: reader)) }
        if let value = entry["attempts"] { settings.attempts = try integer(value, key: "attempts", range: 1...100, reader: reader) }
        if let value = entry["wait"] { settings.wait = Double(try integer(value, key: "wait", range: 0...604_800, reader: reader)) }
        return settings
    }
}
