/// One stanza of a dpkg database (`var/lib/dpkg/status` or a distroless `status.d/` file).
public struct DpkgDBEntry: Sendable, Hashable {
    public var package: String
    /// Empty when the stanza has no `Version:` (such entries are not reported as packages).
    public var version: String
    /// `Source:` name, when the binary package comes from a differently named source.
    public var source: String?
    /// The version in `Source: name (version)`, when it differs from `version`.
    public var sourceVersion: String?
    public var architecture: String?
    /// `Status:` as written (`install ok installed`), nil when absent (distroless).
    public var status: String?
    public var maintainer: String?

    public init(package: String, version: String, source: String? = nil, sourceVersion: String? = nil,
                architecture: String? = nil, status: String? = nil, maintainer: String? = nil) {
        self.package = package
        self.version = version
        self.source = source
        self.sourceVersion = sourceVersion
        self.architecture = architecture
        self.status = status
        self.maintainer = maintainer
    }

    /// Whether dpkg considers it installed: the third word of `Status:` is `installed`.
    /// A stanza without `Status:` counts as installed only in `status.d/` (distroless writes none).
    public func isInstalled(inStatusDirectory: Bool) -> Bool {
        guard let status else { return inStatusDirectory }
        let words = status.split(separator: " ")
        return words.count == 3 && words[2] == "installed"
    }
}
