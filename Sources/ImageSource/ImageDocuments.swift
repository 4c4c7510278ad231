import Foundation
import ScoutModel

/// OCI descriptor: a typed, sized pointer to a blob.
struct Descriptor: Codable {
    var mediaType: String?
    var digest: String
    var size: Int64?
    var platform: DescriptorPlatform?
    var annotations: [String: String]?
}

struct DescriptorPlatform: Codable {
    var os: String?
    var architecture: String?
    var variant: String?

    var platform: Platform? {
        guard let os, let architecture else { return nil }
        return Platform(os: os, architecture: architecture, variant: variant)
    }
}

/// OCI image index or Docker manifest list.
struct ImageIndex: Codable {
    var mediaType: String?
    var manifests: [Descriptor]?
    var annotations: [String: String]?
}

/// OCI image manifest or Docker v2 schema 2 manifest.
struct ImageManifest: Codable {
    var mediaType: String?
    var config: Descriptor
    var layers: [Descriptor]
    var annotations: [String: String]?
}

/// The image configuration: only the fields this tool reads.
struct ImageConfig: Decodable {
    struct Settings: Decodable {
        var User: String?
    }
    struct RootFS: Decodable {
        var diff_ids: [String]?
    }
    struct History: Decodable {
        var created_by: String?
        var empty_layer: Bool?
    }

    var architecture: String?
    var os: String?
    var variant: String?
    var created: String?
    var config: Settings?
    var rootfs: RootFS?
    var history: [History]?

    var platform: Platform? {
        guard let os, let architecture else { return nil }
        return Platform(os: os, architecture: architecture, variant: variant)
    }

    /// `created_by` of the history entries that produced a layer, in layer order.
    var layerHistory: [String?] {
        (history ?? []).filter { $0.empty_layer != true }.map(\.created_by)
    }
}

/// One entry of a `docker save` `manifest.json`.
struct DockerArchiveEntry: Decodable {
    var Config: String
    var RepoTags: [String]?
    var Layers: [String]
    var LayerSources: [String: Descriptor]?
}

enum MediaType {
    static let ociIndex = "application/vnd.oci.image.index.v1+json"
    static let dockerList = "application/vnd.docker.distribution.manifest.list.v2+json"
    static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    static let ociConfig = "application/vnd.oci.image.config.v1+json"
    static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar"

    static func isIndex(_ type: String?) -> Bool { type == ociIndex || type == dockerList }
}

enum JSONDocument {
    /// Decodes `bytes`, naming `subject` (and `container`) in the error.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], subject: String, container: String?) throws(ImageSourceError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw ImageSourceError(.invalidJSON(Self.describe(error)), subject: subject, container: container)
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?: return "not valid JSON (\(context.debugDescription))"
        case .keyNotFound(let key, _)?: return "field '\(key.stringValue)' is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "field '\(path)' has the wrong type"
        default: return String(describing: error)
        }
    }
}

/// Builds `ImageMetadata` from a parsed manifest and config.
enum MetadataBuilder {
    static func metadata(
        manifestDigest: String, configDigest: String, config: ImageConfig, layers: [Descriptor],
        annotations: [String: String], repoTags: [String], subject: String, container: String?
    ) throws(ImageSourceError) -> ImageMetadata {
        let diffIDs = config.rootfs?.diff_ids ?? []
        guard diffIDs.count == layers.count else {
            throw ImageSourceError(
                .invalidJSON("the config lists \(diffIDs.count) diffIDs for \(layers.count) layers"),
                subject: subject, container: container)
        }
        // Secret-looking values (`ENV DB_PASSWORD=…`) never reach the store, the site or the reports.
        let history = config.layerHistory.map { $0.map(HistoryMasking.masked) }
        let infos = layers.enumerated().map { index, layer in
            LayerInfo(index: index, digest: layer.digest, diffID: diffIDs[index], size: layer.size ?? 0,
                      mediaType: layer.mediaType, createdBy: index < history.count ? history[index] : nil)
        }
        // Descriptor sizes are any JSON integer: a negative one or a sum past Int64.max is refused, not added.
        var size: Int64 = 0
        for layer in infos {
            let (sum, overflow) = size.addingReportingOverflow(layer.size)
            guard layer.size >= 0, !overflow else {
                throw ImageSourceError(
                    .invalidJSON("layer \(layer.index) has size \(layer.size), which is negative or makes the image larger than 2^63 bytes"),
                    subject: subject, container: container)
            }
            size = sum
        }
        return ImageMetadata(
            manifestDigest: manifestDigest, configDigest: configDigest, platform: config.platform,
            created: config.created, user: config.config?.User, size: size,
            layers: infos, annotations: annotations, repoTags: repoTags)
    }
}
