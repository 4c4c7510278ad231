/// A Packagist (Composer) version, read by Composer's `VersionParser::normalize` and ordered as
/// Composer's `Comparator` orders normalised versions: PHP's `version_compare`.
///
/// `v3.0` = `3.0` = `3.0.0.0` (normalised `3.0.0.0`), `3.0.0-beta` < `3.0`, stabilities compare
/// case-insensitively (`-ALPHA.1` < `-BETA.1`), `1.0.x-dev` reads as `1.0.9999999.9999999-dev`.
/// What `normalize` refuses throws, and so does a branch (`dev-main`): Composer orders a branch only
/// through `version_compare` reading `dev` (below every release) and two branches not at all.
///
/// Equality is not transitive (`version_compare`'s `#` equals any number), so the hash cannot
/// discriminate: use `compare`, not sets or dictionaries, to group Packagist versions.
public struct PackagistVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// Composer's normal form (`1.0.0.0-beta2`).
    public let normalized: String
    let bytes: [UInt8]

    /// Reads a version; throws what Composer refuses and branch names.
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .packagist)
        guard let normal = ComposerVersionParser.normalize(Array(text.utf8)) else {
            throw .malformed(text, .packagist, "Composer's VersionParser::normalize refuses it (Invalid version string)")
        }
        guard !normal.starts(with: "dev-".utf8) else {
            throw .malformed(text, .packagist, "it names a branch, which Composer does not order against releases")
        }
        self.text = text
        self.bytes = normal
        self.normalized = String(decoding: normal, as: UTF8.self)
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: PackagistVersion) -> Int { PHPVersionCompare.compare(bytes, other.bytes) }

    public static func < (a: PackagistVersion, b: PackagistVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: PackagistVersion, b: PackagistVersion) -> Bool { a.compare(to: b) == 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(0) }
}
