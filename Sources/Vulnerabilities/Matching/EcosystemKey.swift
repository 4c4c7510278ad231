import ScoutModel

/// How packages and advisories meet: an OSV ecosystem (with release) and a normalised name (the rules
/// are `MatchKey`'s, which the store also keeps).
struct EcosystemKey: Hashable, Sendable {
    var ecosystem: String
    var name: String

    /// The key under which an advisory's affected entry is indexed.
    init(affected: AffectedPackage) {
        self.ecosystem = affected.ecosystem
        self.name = MatchKey.normalise(name: affected.name, ecosystem: affected.ecosystem)
    }

    /// The key a package is looked up by, or nil when its ecosystem is unknown (no OS release).
    init?(package: Package, os: OSRelease?) {
        self.init(package: package, osEcosystem: os?.osvEcosystem)
    }

    /// The same, with the OS release's ecosystem worked out once per image (`Alpine:v3.19`).
    init?(package: Package, osEcosystem: String?) {
        guard let ecosystem = MatchKey.ecosystem(of: package.type, osEcosystem: osEcosystem) else { return nil }
        self.ecosystem = ecosystem
        self.name = MatchKey.normalise(name: package.matchName, ecosystem: ecosystem)
    }
}
