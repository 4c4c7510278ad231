/// `Alpine:v3.20 musl`: the text under which advisories are indexed and packages looked up (an OSV
/// ecosystem with release, and the name normalised by that ecosystem's rules). The store keeps it per
/// advisory and per image, so that re-evaluation finds what an advisory change touches without
/// decoding every advisory and SBOM.
public enum MatchKey {
    /// The key of an advisory's affected entry.
    public static func of(_ affected: AffectedPackage) -> String {
        text(ecosystem: affected.ecosystem, name: normalise(name: affected.name, ecosystem: affected.ecosystem))
    }

    /// Every key `advisory` is indexed under, once each, sorted (withdrawn advisories included).
    public static func keys(of advisory: Advisory) -> [String] {
        Set(advisory.affected.map(of)).sorted()
    }

    /// The key a package is looked up by when its image's OS release is `osEcosystem`; nil when its
    /// ecosystem is unknown (it matches nothing).
    public static func of(_ package: Package, osEcosystem: String?) -> String? {
        guard let ecosystem = ecosystem(of: package.type, osEcosystem: osEcosystem) else { return nil }
        return text(ecosystem: ecosystem, name: normalise(name: package.matchName, ecosystem: ecosystem))
    }

    /// Every key the packages of an image look up, once each, sorted.
    public static func keys(of packages: [Package], osEcosystem: String?) -> [String] {
        Set(packages.compactMap { of($0, osEcosystem: osEcosystem) }).sorted()
    }

    /// The vulnerability ids whose CVSS records matching reads for `advisory` (its id, aliases, related).
    public static func referencedIDs(of advisory: Advisory) -> [String] {
        Set([advisory.id] + advisory.aliases + advisory.related).sorted()
    }

    public static func text(ecosystem: String, name: String) -> String { "\(ecosystem) \(name)" }

    /// The OSV ecosystem of a package type; OS packages take their image's release (`Alpine:v3.19`).
    public static func ecosystem(of type: PackageType, osEcosystem: String?) -> String? {
        switch type {
        case .deb, .apk, .rpm: osEcosystem
        case .pypi: "PyPI"
        case .npm: "npm"
        case .golang: "Go"
        case .maven: "Maven"
        case .gem: "RubyGems"
        case .cargo: "crates.io"
        case .nuget: "NuGet"
        case .composer: "Packagist"
        }
    }

    /// Each ecosystem's name rules: PEP 503 for PyPI, case-insensitive NuGet and Packagist.
    public static func normalise(name: String, ecosystem: String) -> String {
        switch ecosystem {
        case "PyPI":
            var out = ""
            var lastWasSeparator = false
            for character in name.lowercased() {
                if character == "-" || character == "_" || character == "." {
                    if !lastWasSeparator { out.append("-") }
                    lastWasSeparator = true
                } else {
                    out.append(character)
                    lastWasSeparator = false
                }
            }
            return out
        case "NuGet", "Packagist":
            return name.lowercased()
        default:
            return name
        }
    }
}
