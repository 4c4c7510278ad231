import Yams

/// Reads YAML nodes with their positions, for errors that name the line.
struct NodeReader {
    let file: String

    func error(_ node: Node, _ reason: ConfigError.Reason) -> ConfigError {
        ConfigError(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column }, reason: reason)
    }

    /// A mapping whose keys must all be `allowed`; returns key → value node.
    func mapping(_ node: Node, context: String, allowed: [String]) throws(ConfigError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw error(node, .badValue(key: context, value: describe(node), expected: "a mapping of keys to values"))
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                throw error(key, .unknownKey(name, context: context, suggestion: Self.closest(to: name, in: allowed)))
            }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: Node, key: String) throws(ConfigError) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" { return [] }
        throw error(node, .badValue(key: key, value: describe(node), expected: "a list"))
    }

    func string(_ node: Node, key: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(node, .badValue(key: key, value: describe(node), expected: "a single value"))
        }
        return scalar.string
    }

    /// `true`/`false` (also yes/no, on/off).
    func bool(_ node: Node, key: String) throws(ConfigError) -> Bool {
        let text = try string(node, key: key)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, .badValue(key: key, value: text, expected: "true or false"))
        }
    }

    func required(_ entry: [String: Node], _ key: String, in node: Node, context: String) throws(ConfigError) -> String {
        guard let value = entry[key] else { throw error(node, .missingKey(key, context: context)) }
        let text = try string(value, key: key)
        guard !text.isEmpty else { throw error(value, .badValue(key: key, value: text, expected: "a non-empty value")) }
        return text
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The allowed key nearest to a misspelt one (edit distance at most 2).
    static func closest(to key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, distance(Array(key.lowercased()), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
