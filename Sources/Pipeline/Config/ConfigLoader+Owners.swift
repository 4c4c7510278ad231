import ScoutModel
import Yams

extension ConfigLoader {
    static let ownerKeys = ["team", "contact"]
    static let ownerRuleKeys = ["match", "team", "contact"]
    static let webhookKeys = ["name", "kind", "url-env", "severity", "kev", "new-only", "team"]

    /// `owner: payments` or `owner: {team: payments, contact: "#payments-oncall"}`.
    static func owner(_ node: Node, reader: NodeReader) throws -> Owner {
        if case .scalar = node {
            let team = try reader.string(node, key: "owner")
            try checkTeam(team, node: node, reader: reader)
            return Owner(team: team)
        }
        let entry = try reader.mapping(node, context: "an owner", allowed: ownerKeys)
        let team = try reader.required(entry, "team", in: node, context: "an owner")
        try checkTeam(team, node: entry["team"]!, reader: reader)
        return Owner(team: team, contact: try entry["contact"].map { try reader.string($0, key: "contact") })
    }

    /// The `owners:` list of globs.
    static func ownerRules(_ node: Node, reader: NodeReader) throws -> [OwnerRule] {
        try reader.sequence(node, key: "owners").map { item in
            let entry = try reader.mapping(item, context: "an owners entry", allowed: ownerRuleKeys)
            let match = try reader.required(entry, "match", in: item, context: "an owners entry")
            let team = try reader.required(entry, "team", in: item, context: "owners entry '\(match)'")
            try checkTeam(team, node: entry["team"]!, reader: reader)
            return OwnerRule(match: match, owner: Owner(team: team, contact: try entry["contact"].map { try reader.string($0, key: "contact") }))
        }
    }

    /// A team name becomes a file name (`teams/NAME.html`): letters, digits, `.`, `_` and `-` only.
    private static func checkTeam(_ team: String, node: Node, reader: NodeReader) throws {
        let allowed = team.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-".unicodeScalars.contains($0) }
        guard !team.isEmpty, allowed, !team.hasPrefix(".") else {
            throw reader.error(node, .badValue(key: "team", value: team, expected: "a team name of letters, digits, '.', '_' and '-', e.g. payments"))
        }
    }

    /// The `notify:` list of webhooks.
    static func webhooks(_ node: Node, reader: NodeReader) throws -> [Webhook] {
        var hooks: [Webhook] = []
        for item in try reader.sequence(node, key: "notify") {
            let entry = try reader.mapping(item, context: "a notify entry", allowed: webhookKeys)
            let name = try reader.required(entry, "name", in: item, context: "a notify entry")
            let context = "notify entry '\(name)'"
            let kindText = try entry["kind"].map { try reader.string($0, key: "kind") } ?? "json"
            guard let kind = Webhook.Kind(rawValue: kindText) else {
                throw reader.error(entry["kind"]!, .badValue(key: "kind", value: kindText, expected: "json or slack"))
            }
            let variable = try reader.required(entry, "url-env", in: item, context: context)
            guard variable.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }) else {
                throw reader.error(entry["url-env"]!, .badValue(key: "url-env", value: variable,
                                                                expected: "the name of an environment variable holding the URL (never the URL itself), e.g. SLACK_WEBHOOK_URL"))
            }
            var hook = Webhook(name: name, kind: kind, urlVariable: variable)
            if let severities = entry["severity"] {
                let names: [String]
                if case .scalar = severities { names = [try reader.string(severities, key: "severity")] } else {
                    names = try reader.sequence(severities, key: "severity").map { try reader.string($0, key: "severity") }
                }
                for text in names {
                    guard let severity = Severity(rawValue: text.lowercased()) else {
                        throw reader.error(severities, .badValue(key: "severity", value: text, expected: "critical, high, medium, low or unspecified"))
                    }
                    hook.severities.insert(severity)
                }
            }
            hook.kevOnly = try entry["kev"].map { try reader.bool($0, key: "kev") } ?? false
            hook.newOnly = try entry["new-only"].map { try reader.bool($0, key: "new-only") } ?? true
            hook.team = try entry["team"].map { try reader.string($0, key: "team") }
            guard !hooks.contains(where: { $0.name == name }) else {
                throw reader.error(entry["name"]!, .badValue(key: "name", value: name, expected: "a notify entry named once"))
            }
            hooks.append(hook)
        }
        return hooks
    }
}
