/// A Maven version, ordered like Maven 3.9's `ComparableVersion` (maven-artifact, after MNG-7644 and
/// MNG-6964), which is what resolves users' dependencies today.
///
/// The text (lower-cased) is read into nested lists: `.` separates items of one list, `-` and a
/// digit/letter transition open a sub-list, and a qualifier followed by digits is read as after a `-`
/// (`1.0.RC1` = `1.0-RC1`). Null items (`0`, the empty qualifier, empty lists) are dropped from each
/// list's end. Numbers > lists > qualifiers; qualifiers order alpha < beta < milestone < rc (cr) <
/// snapshot < "" (ga, final, release) < sp < others (by bytes); a missing item compares as null.
public struct MavenVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let items: [MavenItem]

    /// Reads a Maven version; throws on empty text, whitespace, control or non-ASCII characters (Maven
    /// itself accepts any string; those are not versions a package manifest or an advisory means).
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .maven)
        self.text = text
        self.items = MavenItem.parse(Array(text.utf8).map(lowercased))
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other` (`ComparableVersion.compareTo`).
    public func compare(to other: MavenVersion) -> Int {
        MavenItem.compareLists(items, other.items)
    }

    public static func < (a: MavenVersion, b: MavenVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: MavenVersion, b: MavenVersion) -> Bool { a.compare(to: b) == 0 }

    /// Equal versions share their first item when it is a number other than zero (a number equals only
    /// the same number; anything else can equal a missing item), so that alone is hashed.
    public func hash(into hasher: inout Hasher) {
        if case .number(let n, let width)? = items.first, !n.isZero {
            hasher.combine(n)
            hasher.combine(width)
        }
    }
}
