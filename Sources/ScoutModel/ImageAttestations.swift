/// What the attestation manifests an index attached to an image say (BuildKit's
/// `vnd.docker.reference.type: attestation-manifest`).
public struct ImageAttestations: Sendable, Hashable, Codable {
    /// An SBOM statement (SPDX or CycloneDX predicate) is attached.
    public var hasSBOM: Bool
    /// A SLSA provenance statement is attached.
    public var hasProvenance: Bool
    /// Container images the provenance names as build inputs (`materials` or
    /// `buildDefinition.resolvedDependencies` with a `pkg:docker/…` URI), the frontend image excluded.
    public var provenanceImages: [ProvenanceMaterial]

    public init(hasSBOM: Bool = false, hasProvenance: Bool = false, provenanceImages: [ProvenanceMaterial] = []) {
        self.hasSBOM = hasSBOM
        self.hasProvenance = hasProvenance
        self.provenanceImages = provenanceImages
    }
}

/// One container image a build used, from a provenance attestation.
public struct ProvenanceMaterial: Sendable, Hashable, Codable {
    /// `pkg:docker/alpine@3.18?platform=linux%2Famd64`.
    public var uri: String
    /// `sha256:…`, when recorded.
    public var digest: String?

    public init(uri: String, digest: String? = nil) {
        self.uri = uri
        self.digest = digest
    }
}
