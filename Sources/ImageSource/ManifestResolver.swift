import ScoutModel

/// Walks an OCI index (nested indexes included) to the one image manifest to analyse.
struct ManifestResolver {
    /// Returns a blob's bytes after checking they hash to the digest.
    let readBlob: (String) throws(ImageSourceError) -> [UInt8]
    /// Where the blobs live, for messages.
    let container: String
    /// Manifests and configs already read (choosing a platform reads the one it then resolves).
    private let loaded = Loaded()

    init(readBlob: @escaping (String) throws(ImageSourceError) -> [UInt8], container: String) {
        self.readBlob = readBlob
        self.container = container
    }

    private final class Loaded {
        var documents: [String: (ImageManifest, ImageConfig)] = [:]
    }

    /// The chosen manifest with its config.
    struct Resolved {
        var manifestDigest: String
        var manifest: ImageManifest
        var config: ImageConfig
        /// Index-descriptor annotations merged with the manifest's own.
        var annotations: [String: String]
        /// Image names recorded in the index for this manifest.
        var refNames: [String]
        /// The attestation manifests the index attached to this manifest.
        var attestations = ImageAttestations()
    }

    private struct Candidate {
        var descriptor: Descriptor
        var annotations: [String: String]
    }

    /// Probe to tell an index from a manifest when the descriptor has no media type.
    private struct Probe: Decodable {
        var mediaType: String?
        var manifests: [Descriptor]?
    }

    /// Descriptors an index walk may look at in total, nested indexes included (real ones list a few dozen).
    static let maxDescriptors = 1_024

    /// What one walk has seen: each nested index is read once, however many times it is listed.
    private struct Walk {
        var indexes: Set<String> = []
        /// Whether a descriptor without a media type turned out to be an index (nil: a manifest).
        var probed: [String: ImageIndex?] = [:]
        var descriptors = 0
    }

    func resolve(index: ImageIndex, platform requested: Platform?) throws(ImageSourceError) -> Resolved {
        var candidates: [Candidate] = []
        var walk = Walk()
        try collect(index, inherited: index.annotations ?? [:], depth: 0, walk: &walk, into: &candidates)
        let attestationDescriptors = candidates.filter(isAttestation).map(\.descriptor)
        candidates.removeAll(where: isAttestation)
        guard !candidates.isEmpty else {
            throw ImageSourceError(.missing("an image manifest"), subject: "index.json", container: container)
        }
        let chosen: Candidate
        if let requested {
            guard let match = try first(in: candidates, matching: requested) else {
                throw ImageSourceError(
                    .platformNotFound("no manifest for \(requested) (available: \(try available(candidates)))"),
                    subject: "index.json", container: container)
            }
            chosen = match
        } else if candidates.count == 1 {
            chosen = candidates[0]
        } else {
            guard let match = try first(in: candidates, matching: Platform(os: "linux", architecture: "amd64")) else {
                throw ImageSourceError(
                    .platformNotFound("several manifests and none is linux/amd64 (available: \(try available(candidates))); choose a platform"),
                    subject: "index.json", container: container)
            }
            chosen = match
        }
        let digest = chosen.descriptor.digest
        let (manifest, config) = try load(digest)
        let sameImage = candidates.filter { $0.descriptor.digest == digest }
        var refNames: [String] = []
        for candidate in sameImage {
            let names = candidate.descriptor.annotations ?? [:]
            if let name = names["io.containerd.image.name"] ?? names["org.opencontainers.image.ref.name"],
               !refNames.contains(name) {
                refNames.append(name)
            }
        }
        let annotations = chosen.annotations.merging(manifest.annotations ?? [:]) { $1 }
        let attestations = AttestationReader(readBlob: readBlob).attestations(among: attestationDescriptors, for: digest)
        return Resolved(manifestDigest: digest, manifest: manifest, config: config,
                        annotations: annotations, refNames: refNames, attestations: attestations)
    }

    /// The manifest and config behind a manifest digest, both verified.
    func load(_ digest: String) throws(ImageSourceError) -> (ImageManifest, ImageConfig) {
        if let known = loaded.documents[digest] { return known }
        let manifest = try JSONDocument.decode(ImageManifest.self, from: readBlob(digest), subject: digest, container: container)
        let config = try JSONDocument.decode(ImageConfig.self, from: readBlob(manifest.config.digest),
                                             subject: manifest.config.digest, container: container)
        loaded.documents[digest] = (manifest, config)
        return (manifest, config)
    }

    private func collect(_ index: ImageIndex, inherited: [String: String], depth: Int, walk: inout Walk,
                         into candidates: inout [Candidate]) throws(ImageSourceError) {
        guard depth < 8 else {
            throw ImageSourceError(.unsupported("an index nested more than 8 deep"), subject: "index.json", container: container)
        }
        for descriptor in index.manifests ?? [] {
            walk.descriptors += 1
            guard walk.descriptors <= Self.maxDescriptors else {
                throw ImageSourceError(.unsupported("an index listing more than \(Self.maxDescriptors) manifests and indexes in all"),
                                       subject: "index.json", container: container)
            }
            let annotations = inherited.merging(descriptor.annotations ?? [:]) { $1 }
            var isIndex = MediaType.isIndex(descriptor.mediaType)
            var nested: ImageIndex?
            if descriptor.mediaType == nil {
                if let known = walk.probed[descriptor.digest] {
                    nested = known
                } else {
                    let bytes = try readBlob(descriptor.digest)
                    let probe = try JSONDocument.decode(Probe.self, from: bytes, subject: descriptor.digest, container: container)
                    if MediaType.isIndex(probe.mediaType) || probe.manifests != nil {
                        nested = ImageIndex(mediaType: probe.mediaType, manifests: probe.manifests)
                    }
                    walk.probed[descriptor.digest] = .some(nested)
                }
                isIndex = nested != nil
            }
            if isIndex {
                // Listed before: its manifests are already candidates (listing it K times per level would
                // otherwise read K^depth indexes).
                guard walk.indexes.insert(descriptor.digest).inserted else { continue }
                var child: ImageIndex
                if let nested {
                    child = nested
                } else {
                    child = try JSONDocument.decode(ImageIndex.self, from: readBlob(descriptor.digest),
                                                    subject: descriptor.digest, container: container)
                }
                try collect(child, inherited: annotations.merging(child.annotations ?? [:]) { $1 },
                            depth: depth + 1, walk: &walk, into: &candidates)
            } else {
                candidates.append(Candidate(descriptor: descriptor, annotations: annotations))
            }
        }
    }

    private func first(in candidates: [Candidate], matching target: Platform) throws(ImageSourceError) -> Candidate? {
        for candidate in candidates {
            if let platform = try platform(of: candidate), Self.matches(platform, target) { return candidate }
        }
        return nil
    }

    private func available(_ candidates: [Candidate]) throws(ImageSourceError) -> String {
        var names: [String] = []
        for candidate in candidates {
            names.append(try platform(of: candidate)?.description ?? "unknown")
        }
        return names.joined(separator: ", ")
    }

    /// BuildKit attaches provenance/SBOM manifests with platform unknown/unknown.
    private func isAttestation(_ candidate: Candidate) -> Bool {
        if candidate.descriptor.annotations?["vnd.docker.reference.type"] == "attestation-manifest" { return true }
        let platform = candidate.descriptor.platform
        return platform?.os == "unknown" && platform?.architecture == "unknown"
    }

    /// The descriptor's platform, or the config's when the descriptor has none.
    private func platform(of candidate: Candidate) throws(ImageSourceError) -> Platform? {
        if let platform = candidate.descriptor.platform?.platform { return platform }
        return try load(candidate.descriptor.digest).1.platform
    }

    static func matches(_ platform: Platform, _ requested: Platform) -> Bool {
        platform.os == requested.os && platform.architecture == requested.architecture
            && (requested.variant == nil || requested.variant == platform.variant)
    }
}
