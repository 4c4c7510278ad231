/// One installed package as its RPM header in the rpm database describes it.
public struct RpmDBEntry: Sendable, Hashable {
    /// `RPMTAG_NAME` (1000).
    public var name: String
    /// `RPMTAG_VERSION` (1001).
    public var version: String
    /// `RPMTAG_RELEASE` (1002).
    public var release: String
    /// `RPMTAG_EPOCH` (1003); nil when the header has none (not the same as 0 for the purl, equal for ordering).
    public var epoch: Int?
    /// `RPMTAG_ARCH` (1022).
    public var architecture: String?
    /// `RPMTAG_SOURCERPM` (1044): `openssl-1.1.1k-5.el8.src.rpm`.
    public var sourceRPM: String?
    /// `RPMTAG_LICENSE` (1014) as written.
    public var license: String?
    /// `RPMTAG_VENDOR` (1011).
    public var vendor: String?
    /// `RPMTAG_SIZE` (1009): installed size in bytes.
    public var size: Int?
    /// `RPMTAG_INSTALLTIME` (1008), seconds since 1970.
    public var installTime: Int?
    /// `RPMTAG_SIGMD5` (261) as lower-case hex.
    public var sigMD5: String?
    /// `RPMTAG_MODULARITYLABEL` (5096).
    public var modularityLabel: String?

    public init(name: String, version: String, release: String, epoch: Int? = nil, architecture: String? = nil,
                sourceRPM: String? = nil, license: String? = nil, vendor: String? = nil, size: Int? = nil,
                installTime: Int? = nil, sigMD5: String? = nil, modularityLabel: String? = nil) {
        self.name = name
        self.version = version
        self.release = release
        self.epoch = epoch
        self.architecture = architecture
        self.sourceRPM = sourceRPM
        self.license = license
        self.vendor = vendor
        self.size = size
        self.installTime = installTime
        self.sigMD5 = sigMD5
        self.modularityLabel = modularityLabel
    }

    /// `version-release`, the purl version.
    public var versionRelease: String { release.isEmpty ? version : "\(version)-\(release)" }

    /// `[epoch:]version-release`, the version rpm compares and advisories name.
    public var fullVersion: String { epoch.map { "\($0):\(versionRelease)" } ?? versionRelease }

    /// The source package parsed from `sourceRPM`: `openssl-1.1.1k-5.el8.src.rpm` → (`openssl`, `1.1.1k-5.el8`).
    public var source: (name: String, versionRelease: String)? {
        guard var text = sourceRPM, text.hasSuffix(".rpm") else { return nil }
        text.removeLast(4)
        // Drop the architecture (`src`, `nosrc`).
        guard let dot = text.lastIndex(of: ".") else { return nil }
        text = String(text[..<dot])
        guard let releaseDash = text.lastIndex(of: "-") else { return nil }
        let beforeRelease = text[..<releaseDash]
        guard let versionDash = beforeRelease.lastIndex(of: "-") else { return nil }
        let name = String(beforeRelease[..<versionDash])
        let versionRelease = String(text[text.index(after: versionDash)...])
        guard !name.isEmpty, !versionRelease.hasPrefix("-"), !versionRelease.hasSuffix("-") else { return nil }
        return (name, versionRelease)
    }
}
