/// One Maven artifact found inside a Java archive.
public struct JavaArchiveEntry: Sendable, Hashable {
    public var groupID: String?
    public var artifactID: String
    public var version: String
    public var licenses: [String]
    /// Where it was found: the archive's in-image path, then `:inner/path.jar` per nesting level.
    public var location: String
    /// What the coordinates came from: `pom.properties`, `pom.xml` or `MANIFEST.MF`.
    public var evidence: String

    public init(groupID: String?, artifactID: String, version: String, licenses: [String] = [], location: String, evidence: String) {
        self.groupID = groupID
        self.artifactID = artifactID
        self.version = version
        self.licenses = licenses
        self.location = location
        self.evidence = evidence
    }

    /// `group:artifact`, the name OSV and GHSA use for Maven packages (the artifact alone when no group is known).
    public var name: String {
        guard let groupID, !groupID.isEmpty else { return artifactID }
        return groupID + ":" + artifactID
    }
}
