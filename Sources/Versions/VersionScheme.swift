/// A version string that an ordering cannot read. Never crashes, never silently matches.
public struct VersionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case empty
        case invalidCharacter(Character)
        case malformed(String)
    }

    public var scheme: VersionScheme
    public var version: String
    public var reason: Reason

    public init(scheme: VersionScheme, version: String, reason: Reason) {
        self.scheme = scheme
        self.version = version
        self.reason = reason
    }

    public var description: String {
        let why: String
        switch reason {
        case .empty: why = "it is empty"
        case .invalidCharacter(let c): why = "it contains the character '\(c)'"
        case .malformed(let detail): why = detail
        }
        return "Failed to read \(scheme.rawValue) version '\(version)': \(why)"
    }
}

/// The version ordering of one ecosystem.
public enum VersionScheme: String, Sendable, Hashable, CaseIterable, Codable {
    case dpkg, apk, rpm, pep440, semver, maven, rubygems, nuget, packagist
}
