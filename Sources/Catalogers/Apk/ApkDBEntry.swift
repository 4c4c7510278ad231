/// One stanza of the apk database `lib/apk/db/installed`.
public struct ApkDBEntry: Sendable, Hashable {
    /// `P:`
    public var package: String
    /// `V:`
    public var version: String
    /// `o:` the origin (source) package; nil when absent.
    public var origin: String?
    /// `A:`
    public var architecture: String?
    /// `L:` as written.
    public var license: String?
    /// `c:` the aports commit.
    public var gitCommit: String?
    /// `m:`
    public var maintainer: String?
    /// `C:` the package checksum.
    public var checksum: String?

    public init(package: String, version: String, origin: String? = nil, architecture: String? = nil,
                license: String? = nil, gitCommit: String? = nil, maintainer: String? = nil, checksum: String? = nil) {
        self.package = package
        self.version = version
        self.origin = origin
        self.architecture = architecture
        self.license = license
        self.gitCommit = gitCommit
        self.maintainer = maintainer
        self.checksum = checksum
    }

    /// Licenses: an SPDX expression (`MIT AND BSD-2-Clause`) is kept whole; a plain list
    /// (`MIT BSD GPL2+`, older Alpine) is split on spaces, as syft does.
    public var licenses: [String] {
        guard let license, !license.isEmpty else { return [] }
        let words = license.split(separator: " ")
        let isExpression = words.contains { ["AND", "OR", "WITH"].contains($0) } || license.contains("(")
        return isExpression ? [license] : words.map(String.init)
    }
}
