import ScoutModel

/// How packages and advisories meet: an OSV ecosystem (with release) and a normalised name.
struct EcosystemKey: Hashable, Sendable {
    var ecosystem: String
    var name: String

    /// The key under which an advisory's affected entry is indexed.
    init(affected: AffectedPackage) {
        self.ecosystem = affected.ecosystem
        self.name = Self.normalise(name: affected.name, ecosystem: affected.ecosystem)
    }

    /// The key a package is looked up by, or nil when its ecosystem is unknown (no OS release).
    init?(package: Package, os: OSRelease?) {
        self.init(package: package, osEcosystem: os?.osvEcosystem)
    }

    /// The same, with the OS release's ecosystem worked out once per image (`Alpine:v3.19`).
    init?(package: Package, osEcosystem: String?) {
        let ecosystem: String?
        switch package.type {
        case .deb, .apk, .rpm: ecosystem = osEcosystem
        case .pypi: ecosystem = "PyPI"
        case .npm: ecosystem = "npm"
        case .golang: ecosystem = "Go"
        case .maven: ecosystem = "Maven"
        case .gem: ecosystem = "RubyGems"
        case .cargo: ecosystem = "crates.io"
        case .nuget: ecosystem = "NuGet"
        case .composer: ecosystem = "Packagist"
        }
        guard let ecosystem else { return nil }
        self.ecosystem = ecosystem
        self.name = Self.normalise(name: package.matchName, ecosystem: ecosystem)
    }

    /// Each ecosystem's name rules: PEP 503 for PyPI, case-insensitive NuGet and Packagist.
    static func normalise(name: String, ecosystem: String) -> String {
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
