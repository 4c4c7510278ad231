import Versions

/// A tag read as a version and a flavour: `3.12-slim` → 3.12 and `slim`, `18-alpine3.19` → 18 and
/// `alpine3.19`, `1.0` → 1.0 and "". Tags without a leading number (`latest`, `bookworm`) have no version.
public struct TagVersion: Sendable, Hashable {
    public var tag: String
    /// The numeric part (`3.12`), nil when the tag does not start with a number.
    public var version: String?
    /// Everything after the version and its separator; the whole tag when there is no version.
    public var flavour: String

    public init(_ tag: String) {
        self.tag = tag
        var text = Substring(tag)
        if text.first == "v", text.dropFirst().first?.isNumber == true { text = text.dropFirst() }
        let numeric = text.prefix { $0.isNumber || $0 == "." }
        guard numeric.first?.isNumber == true else {
            version = nil
            flavour = tag
            return
        }
        var trimmed = numeric
        while trimmed.last == "." { trimmed = trimmed.dropLast() }
        version = String(trimmed)
        var rest = text.dropFirst(numeric.count)
        if let first = rest.first, first == "-" || first == "_" || first == "+" { rest = rest.dropFirst() }
        flavour = String(rest)
    }

    /// Orders two versions numerically, component by component (missing components read as 0):
    /// -1, 0 or 1; nil when either tag has no version.
    public static func compare(_ a: TagVersion, _ b: TagVersion) -> Int? {
        guard let left = a.version, let right = b.version else { return nil }
        if let x = try? SemanticVersion(left), let y = try? SemanticVersion(right) {
            return x.compare(to: y).signum()
        }
        return nil
    }

    /// True when `self` is the same flavour as `other` with a strictly newer version.
    public func isNewer(than other: TagVersion) -> Bool {
        flavour == other.flavour && (Self.compare(self, other) ?? 0) > 0
    }
}
