import Foundation
import JSONText
import Yams

/// Advisory documents (JSON or YAML) read into the shared `JSONValue`, within the importers' limits.
extension JSONValue {
    /// Largest document accepted, against hostile feeds.
    static let maximumBytes = 64 << 20
    /// Deepest nesting accepted.
    static let maximumDepth = 64
    /// Most YAML nodes converted: aliases make a small document stand for a huge tree (a "billion laughs").
    static let maximumNodes = 2_000_000

    static func parseJSON(_ data: Data, path: String) throws(ImportError) -> JSONValue {
        guard data.count <= maximumBytes else {
            throw ImportError(path: path, reason: .malformed("larger than \(maximumBytes) bytes"))
        }
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(SyntaxError) in try JSONValue.parse(bytes, maximumDepth: maximumDepth, maximumBytes: maximumBytes) }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw ImportError(path: path, reason: .malformed("invalid JSON (\(error.message) at byte \(error.offset))"))
        }
    }

    /// YAML with every scalar read as a string (OSV timestamps must stay strings).
    static func parseYAML(_ text: String, path: String) throws(ImportError) -> JSONValue {
        guard text.utf8.count <= maximumBytes else {
            throw ImportError(path: path, reason: .malformed("larger than \(maximumBytes) bytes"))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ImportError(path: path, reason: .malformed("invalid YAML (\(error))"))
        }
        guard let node else { return .null }
        var budget = maximumNodes
        return try convert(node, depth: 0, budget: &budget, path: path)
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int, path: String) throws(ImportError) -> JSONValue {
        guard depth < maximumDepth else { throw ImportError(path: path, reason: .malformed("nested deeper than \(maximumDepth) levels")) }
        budget -= 1
        guard budget >= 0 else { throw ImportError(path: path, reason: .malformed("more than \(maximumNodes) values once aliases are expanded")) }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["~", "null", "Null", "NULL", ""].contains(scalar.string) { return .null }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget, path: path)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [(key: String, value: JSONValue)] = []
            for (key, value) in mapping {
                members.append((key.string ?? "", try convert(value, depth: depth + 1, budget: &budget, path: path)))
            }
            return .object(members)
        case .alias:
            throw ImportError(path: path, reason: .malformed("YAML aliases are not accepted"))
        }
    }
}
