/// The operating system of an image, from `etc/os-release` (or `etc/alpine-release`).
public struct OSRelease: Sendable, Hashable, Codable {
    /// `ID=` (debian, alpine, rhel, …).
    public var id: String
    /// `VERSION_ID=` (10, 3.10.4, …).
    public var versionID: String?
    /// `VERSION_CODENAME=` (buster, …).
    public var codename: String?
    /// `PRETTY_NAME=`.
    public var prettyName: String?

    public init(id: String, versionID: String? = nil, codename: String? = nil, prettyName: String? = nil) {
        self.id = id
        self.versionID = versionID
        self.codename = codename
        self.prettyName = prettyName
    }

    /// The OSV ecosystem of this distribution release (`Debian:10`, `Alpine:v3.10`), when known.
    public var osvEcosystem: String? {
        guard let versionID else { return nil }
        switch id {
        case "debian":
            let major = versionID.split(separator: ".").first.map(String.init) ?? versionID
            return "Debian:\(major)"
        case "alpine":
            let parts = versionID.split(separator: ".")
            guard parts.count >= 2 else { return nil }
            return "Alpine:v\(parts[0]).\(parts[1])"
        case "ubuntu":
            return "Ubuntu:\(versionID)"
        default:
            return rpmOSVEcosystem
        }
    }

    /// RPM distributions as osv.dev names them: `Rocky Linux:9`, `AlmaLinux:8`, `Azure Linux:2` (CBL-Mariner
    /// 2.0 and Azure Linux 3.0 advisories both live there), `Red Hat:enterprise_linux:9::baseos` (Red Hat scopes
    /// records by CPE stream; only BaseOS is named here), `openSUSE:Leap 15.5` / `SUSE:Linux Enterprise Server 15 SP5`
    /// (the `PRETTY_NAME` without the vendor word). Fedora and Amazon Linux have no OSV ecosystem: nil.
    private var rpmOSVEcosystem: String? {
        guard let versionID else { return nil }
        let major = versionID.split(separator: ".").first.map(String.init) ?? versionID
        switch id {
        case "rocky": return "Rocky Linux:\(major)"
        case "almalinux": return "AlmaLinux:\(major)"
        case "mariner", "azurelinux": return "Azure Linux:\(major)"
        case "rhel": return "Red Hat:enterprise_linux:\(major)::baseos"
        case "opensuse-leap", "opensuse-tumbleweed", "opensuse-microos", "opensuse":
            return suseRelease(vendorWord: "openSUSE").map { "openSUSE:\($0)" }
        case "sles", "sled", "sle-micro", "suse":
            return suseRelease(vendorWord: "SUSE").map { "SUSE:\($0)" }
        default: return nil
        }
    }

    /// `openSUSE Leap 15.5` → `Leap 15.5`; `SUSE Linux Enterprise Server 15 SP5` → `Linux Enterprise Server 15 SP5`.
    private func suseRelease(vendorWord: String) -> String? {
        guard let prettyName, !prettyName.isEmpty else { return nil }
        let prefix = vendorWord + " "
        return prettyName.hasPrefix(prefix) ? String(prettyName.dropFirst(prefix.count)) : prettyName
    }

    /// Human display: `debian 10`, `alpine 3.10.4`.
    public var display: String {
        [id, versionID].compactMap { $0 }.joined(separator: " ")
    }
}
