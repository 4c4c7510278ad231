/// Why a finding is suppressed: a VEX statement or an entry of the config's ignore list.
///
/// A suppressed finding is kept and shown as suppressed, but left out of every count.
public struct Suppression: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An OpenVEX statement (`not_affected` or `fixed`).
        case vex
        /// An entry of the configuration's `ignore` list.
        case ignore
    }

    public var kind: Kind
    /// VEX status (`not_affected`, `fixed`) or `ignored`.
    public var status: String
    /// VEX justification (`vulnerable_code_not_in_execute_path`, …), when given.
    public var justification: String?
    /// VEX impact statement or the ignore entry's reason.
    public var statement: String?
    /// Where it was declared: the VEX document (path, or `image:/path` inside the image) or the config file.
    public var source: String
    /// Ignore entries: the date (`2026-06-30`) after which it no longer applies.
    public var expires: String?

    public init(kind: Kind, status: String, justification: String? = nil, statement: String? = nil, source: String, expires: String? = nil) {
        self.kind = kind
        self.status = status
        self.justification = justification
        self.statement = statement
        self.source = source
        self.expires = expires
    }

    /// One line: `not_affected (vulnerable_code_not_present) — statement`.
    public var display: String {
        var text = status
        if let justification, !justification.isEmpty { text += " (\(justification))" }
        if let statement, !statement.isEmpty { text += " — \(statement)" }
        if let expires { text += " until \(expires)" }
        return text
    }
}
