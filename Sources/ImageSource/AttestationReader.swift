import Foundation
import ScoutModel

/// Reads the attestation manifests BuildKit attaches to an index (`vnd.docker.reference.type:
/// attestation-manifest`, `vnd.docker.reference.digest` naming the image): which statements exist,
/// and the container images a SLSA provenance names as materials.
struct AttestationReader {
    let readBlob: (String) throws(ImageSourceError) -> [UInt8]

    static let sbomPredicates: Set<String> = [
        "https://spdx.dev/Document", "https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.4",
        "https://cyclonedx.org/bom/v1.5", "https://cyclonedx.org/bom/v1.6",
    ]
    static let provenancePrefix = "https://slsa.dev/provenance/"

    /// The attestations of the image `digest` among `descriptors`. An unreadable statement counts as
    /// present (its manifest says it is there) but contributes no materials.
    func attestations(among descriptors: [Descriptor], for digest: String) -> ImageAttestations {
        var result = ImageAttestations()
        for descriptor in descriptors where descriptor.annotations?["vnd.docker.reference.digest"] == digest {
            guard let bytes = try? readBlob(descriptor.digest),
                  let manifest = try? JSONDecoder().decode(ImageManifest.self, from: Data(bytes)) else { continue }
            for layer in manifest.layers {
                let predicate = layer.annotations?["in-toto.io/predicate-type"] ?? ""
                if Self.sbomPredicates.contains(predicate) {
                    result.hasSBOM = true
                } else if predicate.hasPrefix(Self.provenancePrefix) {
                    result.hasProvenance = true
                    if let statement = try? readBlob(layer.digest) {
                        for material in Self.materials(statement) where !result.provenanceImages.contains(material) {
                            result.provenanceImages.append(material)
                        }
                    }
                }
            }
        }
        return result
    }

    /// `pkg:docker/…` materials of an in-toto statement (SLSA v0.2 `materials`, v1
    /// `buildDefinition.resolvedDependencies`), without the Dockerfile frontend image.
    static func materials(_ statement: [UInt8]) -> [ProvenanceMaterial] {
        guard let decoded = try? JSONDecoder().decode(Statement.self, from: Data(statement)) else { return [] }
        let entries = (decoded.predicate?.materials ?? []) + (decoded.predicate?.buildDefinition?.resolvedDependencies ?? [])
        let frontend = decoded.predicate?.frontendImage
        return entries.compactMap { entry -> ProvenanceMaterial? in
            guard let uri = entry.uri, uri.hasPrefix("pkg:docker/") else { return nil }
            if let frontend, uri.contains(frontend) { return nil }
            if uri.hasPrefix("pkg:docker/docker/dockerfile") { return nil }
            return ProvenanceMaterial(uri: uri, digest: entry.digest?["sha256"].map { "sha256:" + $0 })
        }
    }

    private struct Statement: Decodable {
        var predicate: Predicate?
    }

    private struct Predicate: Decodable {
        var materials: [Material]?
        var buildDefinition: BuildDefinition?
        var invocation: Invocation?

        /// The frontend image (`docker/dockerfile:1`) named by the build's arguments, if any.
        var frontendImage: String? {
            let source = invocation?.parameters?.args?["source"] ?? buildDefinition?.externalParameters?.request?.args?["source"]
            return source.map { $0.split(separator: ":").first.map(String.init) ?? $0 }
        }
    }

    private struct Material: Decodable {
        var uri: String?
        var digest: [String: String]?
    }

    private struct BuildDefinition: Decodable {
        var resolvedDependencies: [Material]?
        var externalParameters: ExternalParameters?
    }

    private struct ExternalParameters: Decodable {
        var request: Parameters?
    }

    private struct Invocation: Decodable {
        var parameters: Parameters?
    }

    private struct Parameters: Decodable {
        var args: [String: String]?
    }
}
