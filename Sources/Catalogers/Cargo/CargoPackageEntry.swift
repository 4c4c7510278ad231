import ScoutModel

/// One crate as a `Cargo.lock` `[[package]]` table or a cargo-auditable dependency list names it.
public struct CargoPackageEntry: Sendable, Hashable {
    public var name: String
    public var version: String
    /// `registry+https://github.com/rust-lang/crates.io-index`, `git+…`, or for cargo-auditable
    /// `crates.io`, `local`, `git`…; nil for workspace members in a lock file.
    public var source: String?
    /// `Cargo.lock` only.
    public var checksum: String?

    public init(name: String, version: String, source: String? = nil, checksum: String? = nil) {
        self.name = name
        self.version = version
        self.source = source
        self.checksum = checksum
    }

    /// `pkg:cargo/serde@1.0.195`.
    func package(path: String, cataloger: String) -> Package {
        Package(type: .cargo, name: name, version: version,
                purl: PackageURL.make(type: "cargo", namespace: nil, name: name, version: version),
                locations: [path], cataloger: cataloger)
    }
}
