/// A NuGet version: SemVer 2 with up to four numeric components and a case-insensitive
/// prerelease; build metadata after `+` is ignored.
public struct NuGetVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let parsed: SemverLike

    /// Reads a version; throws unless it is printable ASCII starting with a digit (after `v`).
    public init(_ text: String) throws(VersionError) {
        self.text = text
        parsed = try SemverLike(text, scheme: .nuget, maxComponents: 4, lowercasePrerelease: true)
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: NuGetVersion) -> Int { parsed.compare(to: other.parsed) }

    public static func < (a: NuGetVersion, b: NuGetVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: NuGetVersion, b: NuGetVersion) -> Bool { a.compare(to: b) == 0 }
    public func hash(into hasher: inout Hasher) { parsed.hash(into: &hasher) }
}
