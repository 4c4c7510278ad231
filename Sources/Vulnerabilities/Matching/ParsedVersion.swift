import Versions

/// A version string read once in its ecosystem's scheme and compared many times: the matcher reads
/// each package version once per package and each range event once per advisory (at index time)
/// instead of both at every comparison.
enum ParsedVersion: Sendable {
    case dpkg(DebianVersion)
    case apk(ApkVersion)
    case rpm(RpmVersion)
    case pep440(PEP440Version)
    case semver(SemanticVersion)
    case maven(MavenVersion)
    case rubygems(RubyGemsVersion)
    case nuget(NuGetVersion)
    case packagist(PackagistVersion)

    /// Reads `text` in `scheme`; throws the error `VersionScheme.compare` would throw for it.
    init(_ text: String, scheme: VersionScheme) throws(VersionError) {
        switch scheme {
        case .dpkg: self = .dpkg(try DebianVersion(text))
        case .apk: self = .apk(try ApkVersion(text))
        case .rpm: self = .rpm(try RpmVersion(text))
        case .pep440: self = .pep440(try PEP440Version(text))
        case .semver: self = .semver(try SemanticVersion(text))
        case .maven: self = .maven(try MavenVersion(text))
        case .rubygems: self = .rubygems(try RubyGemsVersion(text))
        case .nuget: self = .nuget(try NuGetVersion(text))
        case .packagist: self = .packagist(try PackagistVersion(text))
        }
    }

    /// -1, 0 or 1, as `VersionScheme.compare` answers for the two texts. Both must be of one scheme
    /// (the index keys them by ecosystem, so they are); nil when they are not.
    func compare(to other: ParsedVersion) -> Int? {
        switch (self, other) {
        case let (.dpkg(a), .dpkg(b)): a.compare(to: b)
        case let (.apk(a), .apk(b)): a.compare(to: b)
        case let (.rpm(a), .rpm(b)): a.compare(to: b)
        case let (.pep440(a), .pep440(b)): a.compare(to: b)
        case let (.semver(a), .semver(b)): a.compare(to: b)
        case let (.maven(a), .maven(b)): a.compare(to: b)
        case let (.rubygems(a), .rubygems(b)): a.compare(to: b)
        case let (.nuget(a), .nuget(b)): a.compare(to: b)
        case let (.packagist(a), .packagist(b)): a.compare(to: b)
        default: nil
        }
    }
}
