extension VersionScheme {
    /// Compares two version strings of this scheme: -1, 0 or 1 as `a` sorts before, with or
    /// after `b`. Throws when either string is not a version of this scheme.
    public func compare(_ a: String, _ b: String) throws(VersionError) -> Int {
        switch self {
        case .dpkg: return try DebianVersion(a).compare(to: DebianVersion(b))
        case .apk: return try ApkVersion(a).compare(to: ApkVersion(b))
        case .rpm: return try RpmVersion(a).compare(to: RpmVersion(b))
        case .pep440: return try PEP440Version(a).compare(to: PEP440Version(b))
        case .semver: return try SemanticVersion(a).compare(to: SemanticVersion(b))
        case .maven: return try MavenVersion(a).compare(to: MavenVersion(b))
        case .rubygems: return try RubyGemsVersion(a).compare(to: RubyGemsVersion(b))
        case .nuget: return try NuGetVersion(a).compare(to: NuGetVersion(b))
        case .packagist: return try PackagistVersion(a).compare(to: PackagistVersion(b))
        }
    }

    /// Throws when `v` is not a version of this scheme.
    public func validate(_ v: String) throws(VersionError) {
        switch self {
        case .dpkg: _ = try DebianVersion(v)
        case .apk: _ = try ApkVersion(v)
        case .rpm: _ = try RpmVersion(v)
        case .pep440: _ = try PEP440Version(v)
        case .semver: _ = try SemanticVersion(v)
        case .maven: _ = try MavenVersion(v)
        case .rubygems: _ = try RubyGemsVersion(v)
        case .nuget: _ = try NuGetVersion(v)
        case .packagist: _ = try PackagistVersion(v)
        }
    }

    /// The scheme of an OSV ecosystem name such as `Debian:12` or `PyPI` (only the part
    /// before the first `:` counts), or nil when the ecosystem has no known ordering.
    public static func forEcosystem(_ osvEcosystem: String) -> VersionScheme? {
        let name = osvEcosystem.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map(String.init) ?? ""
        switch name {
        case "Debian", "Ubuntu": return .dpkg
        case "Alpine", "Wolfi", "Chainguard": return .apk
        case "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE", "Mageia", "Mariner",
             "CBL-Mariner", "Azure Linux", "Amazon Linux", "Fedora", "Oracle Linux":
            return .rpm
        case "PyPI": return .pep440
        case "npm", "Go", "crates.io", "Hex", "Pub", "SwiftURL": return .semver
        case "Maven": return .maven
        case "RubyGems": return .rubygems
        case "NuGet": return .nuget
        case "Packagist": return .packagist
        default: return nil
        }
    }
}
