import Foundation
import Yams

/// A parsed JSON or YAML document, read loosely: importers pick the fields they know.
enum JSONValue: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case .number(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    var array: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    var object: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// Strings of an array, skipping anything else.
    var strings: [String] { array.compactMap(\.string) }

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
        do {
            return try JSONParser.parse(data, maximumDepth: maximumDepth)
        } catch {
            throw ImportError(path: path, reason: .malformed("invalid JSON (\(error.message) at byte \(error.offset))"))
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
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                object[key.string ?? ""] = try convert(value, depth: depth + 1, budget: &budget, path: path)
            }
            return .object(object)
        case .alias:
            throw ImportError(path: path, reason: .malformed("YAML aliases are not accepted"))
        }
    }
}
