/// A Semantic Versioning 2.0 version as npm, Go, crates.io, Hex, Pub and SwiftURL use it.
///
/// A leading `v` is accepted (Go), build metadata after `+` (including Go's `+incompatible`)
/// is ignored, prerelease identifiers order per SemVer §11. Read leniently as osv-scalibr
/// does: missing components are 0, and numbers after the third join the build text.
public struct SemanticVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let parsed: SemverLike

    /// Reads a version; throws unless it is printable ASCII starting with a digit (after `v`).
    public init(_ text: String) throws(VersionError) {
        self.text = text
        parsed = try SemverLike(text, scheme: .semver, maxComponents: 3, lowercasePrerelease: false)
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: SemanticVersion) -> Int { parsed.compare(to: other.parsed) }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: SemanticVersion, b: SemanticVersion) -> Bool { a.compare(to: b) == 0 }
    public func hash(into hasher: inout Hasher) { parsed.hash(into: &hasher) }
}
