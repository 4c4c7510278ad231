import Foundation
import ImageSource
import Yams

/// Reads the advisory-source and suppression parts of the configuration.
enum FeedConfigReader {
    /// One `advisories[]` entry: a local `path`, or a remote `url` (or a `path` that is a URL).
    static func source(
        _ entry: [String: Node], node: Node, name: String, format: String, context: String, reader: NodeReader,
        resolve: (String) -> String
    ) throws -> Config.AdvisorySource {
        let pathText = try entry["path"].map { try reader.string($0, key: "path") }
        let urlText = try entry["url"].map { try reader.string($0, key: "url") }
        if pathText != nil && urlText != nil {
            throw reader.error(entry["url"]!, .badValue(key: "url", value: urlText!, expected: "either 'path' or 'url', not both"))
        }
        var source: Config.AdvisorySource
        if let text = urlText ?? pathText.flatMap({ isRemote($0) ? $0 : nil }) {
            let key = urlText != nil ? "url" : "path"
            guard isRemote(text), let url = URL(string: text), url.host != nil else {
                throw reader.error(entry[key]!, .badValue(key: key, value: text, expected: "an http:// or https:// URL"))
            }
            source = Config.AdvisorySource(name: name, format: format, path: FeedError.redact(text), url: url)
        } else if let pathText, !pathText.isEmpty {
            source = Config.AdvisorySource(name: name, format: format, path: resolve(pathText))
        } else {
            throw reader.error(node, .missingKey("path", context: context))
        }
        if let node = entry["sha256"] {
            let text = try reader.string(node, key: "sha256").lowercased()
            let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                throw reader.error(node, .badValue(key: "sha256", value: text, expected: "64 hexadecimal digits"))
            }
            source.sha256 = hex
        }
        if let node = entry["checksum-url"] {
            let text = try reader.string(node, key: "checksum-url")
            guard isRemote(text), let url = URL(string: text) else {
                throw reader.error(node, .badValue(key: "checksum-url", value: text, expected: "an http:// or https:// URL"))
            }
            source.checksumURL = url
        }
        if let node = entry["insecure"] { source.insecure = try ConfigLoader.bool(node, key: "insecure", reader: reader) }
        if let node = entry["max-size-mb"] {
            source.maxBytes = Int64(try ConfigLoader.integer(node, key: "max-size-mb", range: 1...1_048_576, reader: reader)) << 20
        }
        // Plain http is refused for feeds as for registries: an on-path attacker could replace the records.
        let plain = "an https:// URL (plain http only for loopback hosts or with 'insecure: true')"
        if let url = source.url, !source.insecure, isPlainRemote(url) {
            throw reader.error((entry["url"] ?? entry["path"])!, .badValue(key: "url", value: FeedError.redact(url.absoluteString), expected: plain))
        }
        if let url = source.checksumURL, !source.insecure, isPlainRemote(url) {
            throw reader.error(entry["checksum-url"]!, .badValue(key: "checksum-url", value: FeedError.redact(url.absoluteString), expected: plain))
        }
        if (source.sha256 != nil || source.checksumURL != nil) && source.url == nil {
            throw reader.error(entry["sha256"] ?? entry["checksum-url"]!, .badValue(key: "sha256", value: "set", expected: "a checksum only on a remote (url) source"))
        }
        return source
    }

    /// `http://` to a host other than loopback.
    static func isPlainRemote(_ url: URL) -> Bool {
        url.scheme?.lowercased() == "http" && !RegistryEndpoint.isLoopback(url.host ?? "")
    }

    static func isRemote(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// `ignore:` entries: `id` and `reason` required, `package`, `image` and `expires` (YYYY-MM-DD) optional.
    static func ignoreRules(_ node: Node, reader: NodeReader) throws -> [Config.IgnoreRule] {
        var rules: [Config.IgnoreRule] = []
        for item in try reader.sequence(node, key: "ignore") {
            let entry = try reader.mapping(item, context: "an ignore entry", allowed: ConfigLoader.ignoreKeys)
            let id = try reader.required(entry, "id", in: item, context: "an ignore entry")
            let context = "ignore entry '\(id)'"
            let reason = try reader.required(entry, "reason", in: item, context: context)
            var rule = Config.IgnoreRule(id: id, reason: reason)
            rule.package = try entry["package"].map { try reader.string($0, key: "package") }
            rule.image = try entry["image"].map { try reader.string($0, key: "image") }
            if let expiresNode = entry["expires"] {
                let text = try reader.string(expiresNode, key: "expires")
                guard isDay(text) else {
                    throw reader.error(expiresNode, .badValue(key: "expires", value: text, expected: "a date such as 2026-06-30"))
                }
                rule.expires = text
            }
            rules.append(rule)
        }
        return rules
    }

    /// `YYYY-MM-DD` with a plausible month and day.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
