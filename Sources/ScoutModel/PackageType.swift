/// Package types as users know them: the purl types.
public enum PackageType: String, Sendable, Codable, CaseIterable, Comparable {
    case deb, apk, rpm, pypi, npm, golang, maven, gem, cargo, nuget, composer

    /// Operating-system packages come from the distribution; the rest from language ecosystems.
    public var isOSPackage: Bool {
        switch self {
        case .deb, .apk, .rpm: true
        default: false
        }
    }

    public static func < (lhs: PackageType, rhs: PackageType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
