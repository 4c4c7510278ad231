import BaseImages
import Yams

/// Reads the `policies:` mapping of `scout-report.yml`.
///
/// ```yaml
/// policies:
///   approvedBaseImages: ["docker.io/library/*", "ghcr.io/myorg/*"]
///   highProfileVulnerabilities: [CVE-2014-0160, CVE-2021-44228]   # replaces Scout's list
///   fixableGraceDays: 30
/// ```
struct PolicyConfigReader {
    static let keys = ["approvedBaseImages", "highProfileVulnerabilities", "fixableGraceDays"]

    let reader: NodeReader

    func settings(_ node: Node) throws(ConfigError) -> PolicySettings {
        var settings = PolicySettings()
        let entry = try reader.mapping(node, context: "policies", allowed: Self.keys)
        if let list = entry["approvedBaseImages"] {
            settings.approvedBaseImages = try strings(
                list, key: "approvedBaseImages", valid: { !$0.isEmpty && !$0.contains(" ") },
                expected: "a glob without spaces, e.g. docker.io/library/*")
        }
        if let list = entry["highProfileVulnerabilities"] {
            settings.highProfileVulnerabilities = try strings(
                list, key: "highProfileVulnerabilities", valid: { !$0.isEmpty && !$0.contains(" ") && $0.contains("-") },
                expected: "a vulnerability id such as CVE-2014-0160")
        }
        if let days = entry["fixableGraceDays"] {
            let text = try reader.string(days, key: "fixableGraceDays")
            guard let value = Int(text), value >= 0, value <= 36_500 else {
                throw reader.error(days, .badValue(key: "fixableGraceDays", value: text, expected: "a whole number of days from 0 to 36500"))
            }
            settings.fixableGraceDays = value
        }
        return settings
    }

    private func strings(_ node: Node, key: String, valid: (String) -> Bool, expected: String) throws(ConfigError) -> [String] {
        var values: [String] = []
        for item in try reader.sequence(node, key: key) {
            let text = try reader.string(item, key: key)
            guard valid(text) else { throw reader.error(item, .badValue(key: key, value: text, expected: expected)) }
            values.append(text)
        }
        return values
    }
}
