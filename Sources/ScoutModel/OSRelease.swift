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
            return nil
        }
    }

    /// Human display: `debian 10`, `alpine 3.10.4`.
    public var display: String {
        [id, versionID].compactMap { $0 }.joined(separator: " ")
    }
}
