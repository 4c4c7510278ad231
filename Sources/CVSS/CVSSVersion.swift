/// A CVSS specification version, spelled as in the vector prefix (`CVSS:3.1/…`).
public enum CVSSVersion: String, Sendable, Hashable, CaseIterable {
    case v2 = "2.0"
    case v30 = "3.0"
    case v31 = "3.1"
    case v40 = "4.0"
}
