/// A configuration that cannot be used: names the file, line and column, and how to fix it.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unreadable(String)
        case syntax(String)
        case unknownKey(String, context: String, suggestion: String?)
        case missingKey(String, context: String)
        case badValue(key: String, value: String, expected: String)
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: Reason

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        switch reason {
        case .unreadable(let why):
            return "Failed to read the configuration '\(file)': \(why)"
        case .syntax(let why):
            return "\(place): invalid YAML: \(why)"
        case .unknownKey(let key, let context, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "\(place): unknown key '\(key)' in \(context)\(hint)"
        case .missingKey(let key, let context):
            return "\(place): \(context) has no '\(key)'; add it"
        case .badValue(let key, let value, let expected):
            return "\(place): '\(key)' is '\(value)', expected \(expected)"
        }
    }
}
