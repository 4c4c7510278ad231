import ScoutModel

extension AdvisoryIndex {
    /// `Alpine:v3.20 musl`: the key under which each affected entry of `advisory` is indexed (withdrawn
    /// advisories included, so that a withdrawal can be told apart from no change).
    public static func matchKeys(of advisory: Advisory) -> [String] {
        advisory.affected.map { EcosystemKey(affected: $0).text }
    }

    /// The key a package is looked up by when its image's OS release is `osEcosystem`; nil when its
    /// ecosystem is unknown (it matches nothing).
    public static func matchKey(of package: Package, osEcosystem: String?) -> String? {
        EcosystemKey(package: package, osEcosystem: osEcosystem)?.text
    }

    /// The CVSS record matching uses for a vulnerability id (NVD's primary first).
    public func cvssRecord(for vulnerabilityID: String) -> CVSSRecord? {
        cvss[vulnerabilityID]
    }
}

extension EcosystemKey {
    var text: String { "\(ecosystem) \(name)" }
}
