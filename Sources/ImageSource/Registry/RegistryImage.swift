import Foundation
import ScoutModel

/// An image in a registry: manifest and config fetched and verified; layers streamed on demand.
public struct RegistryImage: ImageHandle {
    public let client: RegistryClient
    public let repository: String
    public let metadata: ImageMetadata

    /// What a tag or digest gives for one requested platform.
    public struct PlatformResolution: Sendable {
        public var platform: Platform
        public var image: RegistryImage?
        /// Why there is no image for this platform (none in the index, or the image is another platform).
        public var problem: String?
    }

    /// Opens `reference` (tag or digest) for `platform`; without one, the only image or else linux/amd64.
    public static func open(client: RegistryClient, repository: String, reference: String, platform: Platform?) throws(RegistryError) -> RegistryImage {
        let deadline = client.imageDeadline()
        let top = try client.manifest(repository: repository, reference: reference, deadline: deadline)
        let wanted = platform ?? Platform(os: "linux", architecture: "amd64")
        if let index = try index(of: top, client: client, repository: repository) {
            var walk = IndexWalk()
            let candidates = try candidates(in: index, client: client, repository: repository, depth: 0, deadline: deadline, walk: &walk)
            let chosen: Descriptor?
            if platform == nil && candidates.count == 1 {
                chosen = candidates.first
            } else {
                chosen = candidates.first { $0.platform?.platform.map { ManifestResolver.matches($0, wanted) } ?? false }
            }
            guard let chosen else {
                throw RegistryError(.notFound("a manifest for \(wanted) (available: \(available(candidates)))"), registry: client.endpoint.name,
                                    operation: "select a platform of '\(repository):\(reference)'")
            }
            return try load(client: client, repository: repository, digest: chosen.digest, annotations: (index.annotations ?? [:]).merging(chosen.annotations ?? [:]) { $1 }, deadline: deadline)
        }
        return try image(from: top, client: client, repository: repository, annotations: [:], deadline: deadline)
    }

    /// The image for each of `platforms` that `reference` offers (an index) or is (a single manifest).
    public static func resolve(client: RegistryClient, repository: String, reference: String, platforms: [Platform]) throws(RegistryError) -> [PlatformResolution] {
        let deadline = client.imageDeadline()
        let top = try client.manifest(repository: repository, reference: reference, deadline: deadline)
        if let index = try index(of: top, client: client, repository: repository) {
            var walk = IndexWalk()
            let candidates = try candidates(in: index, client: client, repository: repository, depth: 0, deadline: deadline, walk: &walk)
            var results: [PlatformResolution] = []
            for platform in platforms {
                guard let match = candidates.first(where: { $0.platform?.platform.map { ManifestResolver.matches($0, platform) } ?? false }) else {
                    results.append(PlatformResolution(platform: platform, image: nil, problem: "no manifest for \(platform) (available: \(available(candidates)))"))
                    continue
                }
                let annotations = (index.annotations ?? [:]).merging(match.annotations ?? [:]) { $1 }
                results.append(PlatformResolution(platform: platform, image: try load(client: client, repository: repository, digest: match.digest, annotations: annotations, deadline: deadline), problem: nil))
            }
            return results
        }
        let single = try image(from: top, client: client, repository: repository, annotations: [:], deadline: deadline)
        return platforms.map { platform in
            guard let own = single.metadata.platform, !ManifestResolver.matches(own, platform) else {
                return PlatformResolution(platform: platform, image: single, problem: nil)
            }
            return PlatformResolution(platform: platform, image: nil, problem: "the image is \(own), not \(platform)")
        }
    }

    // MARK: - Manifests

    private static func index(of fetched: FetchedManifest, client: RegistryClient, repository: String) throws(RegistryError) -> ImageIndex? {
        struct Probe: Decodable {
            var schemaVersion: Int?
            var mediaType: String?
            var manifests: [Descriptor]?
        }
        let operation = "read the manifest \(fetched.digest.abbreviatedDigest) of '\(repository)'"
        guard let probe = try? JSONDecoder().decode(Probe.self, from: Data(fetched.bytes)) else {
            throw RegistryError(.invalidResponse("the manifest is not JSON"), registry: client.endpoint.name, operation: operation)
        }
        if probe.schemaVersion == 1 || (fetched.mediaType ?? "").hasPrefix("application/vnd.docker.distribution.manifest.v1") {
            throw RegistryError(.invalidResponse("Docker schema 1 manifests are not supported"), registry: client.endpoint.name, operation: operation)
        }
        let isIndex = MediaType.isIndex(probe.mediaType) || MediaType.isIndex(fetched.mediaType) || (probe.mediaType == nil && probe.manifests != nil)
        guard isIndex else { return nil }
        guard let index = try? JSONDecoder().decode(ImageIndex.self, from: Data(fetched.bytes)) else {
            throw RegistryError(.invalidResponse("the index cannot be decoded"), registry: client.endpoint.name, operation: operation)
        }
        return index
    }

    /// What one index walk has seen: each nested index is fetched once, however often it is listed.
    struct IndexWalk {
        /// Descriptors looked at in total, nested indexes included (real indexes list a few dozen).
        static let maxDescriptors = 1_024
        var fetched: Set<String> = []
        var descriptors = 0
    }

    /// The image manifests of an index, nested indexes flattened, attestations left out.
    private static func candidates(in index: ImageIndex, client: RegistryClient, repository: String, depth: Int, deadline: Date,
                                   walk: inout IndexWalk) throws(RegistryError) -> [Descriptor] {
        guard depth < 4 else { return [] }
        var found: [Descriptor] = []
        for descriptor in index.manifests ?? [] {
            walk.descriptors += 1
            guard walk.descriptors <= IndexWalk.maxDescriptors else {
                throw RegistryError(.invalidResponse("the index lists more than \(IndexWalk.maxDescriptors) manifests and indexes in all"),
                                    registry: client.endpoint.name, operation: "read the index of '\(repository)'")
            }
            if descriptor.annotations?["vnd.docker.reference.type"] == "attestation-manifest" { continue }
            if descriptor.platform?.os == "unknown" && descriptor.platform?.architecture == "unknown" { continue }
            if MediaType.isIndex(descriptor.mediaType) {
                // Listed before: its manifests are already candidates (K listings per level would be K^depth GETs).
                guard walk.fetched.insert(descriptor.digest).inserted else { continue }
                let nested = try client.manifest(repository: repository, reference: descriptor.digest, deadline: deadline)
                if let child = try self.index(of: nested, client: client, repository: repository) {
                    found += try candidates(in: child, client: client, repository: repository, depth: depth + 1, deadline: deadline, walk: &walk)
                }
            } else {
                found.append(descriptor)
            }
        }
        return found
    }

    /// The platforms an index offers, as the registry wrote them: sanitised and bounded before any message keeps them.
    private static func available(_ candidates: [Descriptor]) -> String {
        RegistryText.clean(candidates.map { $0.platform?.platform?.description ?? "unknown" }.joined(separator: ", "), redacting: [])
    }

    private static func load(client: RegistryClient, repository: String, digest: String, annotations: [String: String], deadline: Date) throws(RegistryError) -> RegistryImage {
        try image(from: client.manifest(repository: repository, reference: digest, deadline: deadline), client: client, repository: repository,
                  annotations: annotations, deadline: deadline)
    }

    private static func image(from fetched: FetchedManifest, client: RegistryClient, repository: String, annotations: [String: String], deadline: Date) throws(RegistryError) -> RegistryImage {
        let operation = "read the manifest \(fetched.digest.abbreviatedDigest) of '\(repository)'"
        guard let manifest = try? JSONDecoder().decode(ImageManifest.self, from: Data(fetched.bytes)) else {
            throw RegistryError(.invalidResponse("the image manifest cannot be decoded"), registry: client.endpoint.name, operation: operation)
        }
        let configBytes = try client.blob(repository: repository, digest: manifest.config.digest, deadline: deadline)
        let config: ImageConfig
        let metadata: ImageMetadata
        do {
            config = try JSONDocument.decode(ImageConfig.self, from: configBytes, subject: manifest.config.digest, container: "\(client.endpoint.authority)/\(repository)")
            metadata = try MetadataBuilder.metadata(
                manifestDigest: fetched.digest, configDigest: manifest.config.digest, config: config, layers: manifest.layers,
                annotations: annotations.merging(manifest.annotations ?? [:]) { $1 }, repoTags: [],
                subject: fetched.digest, container: "\(client.endpoint.authority)/\(repository)")
        } catch {
            // The decoder's message may quote what the registry wrote: kept only sanitised and redacted.
            throw RegistryError(.invalidResponse(RegistryText.clean(error.description, redacting: client.authenticator.secrets())),
                                registry: client.endpoint.name, operation: operation)
        }
        return RegistryImage(client: client, repository: repository, metadata: metadata)
    }

    // MARK: - Layers

    public func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits) throws -> LayerReadResult {
        try readLayers(wants: wants, limits: limits, cache: nil)
    }

    /// Streams the layers not in `cache`, several at a time (bounded by the client and by the cores),
    /// each verified against its digest while it streams. A failed or mismatching blob fails the whole image.
    public func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: (any LayerCache)?) throws -> LayerReadResult {
        let layers = metadata.layers
        let results = LayerResults(count: layers.count)
        var firstIndex: [String: Int] = [:]
        var toDownload: [LayerInfo] = []
        for layer in layers {
            let key = layer.digest + layer.diffID
            if firstIndex[key] != nil { continue }
            firstIndex[key] = layer.index
            if let cached = cache?.cachedFiles(diffID: layer.diffID) {
                results.set(layer.index, files: cached, warnings: [])
            } else {
                toDownload.append(layer)
            }
        }
        let container = "\(client.endpoint.authority)/\(repository)"
        let client = self.client, repository = self.repository, pending = toDownload
        // The layers get the image's deadline from here: resolving many tags first must not use it up.
        let deadline = client.imageDeadline()
        DispatchQueue.concurrentPerform(iterations: toDownload.count) { position in
            let layer = pending[position]
            client.downloadSlots.wait()
            defer { client.downloadSlots.signal() }
            let source = client.blobStream(repository: repository, digest: layer.digest, size: layer.size > 0 ? layer.size : nil, deadline: deadline)
            let reader = LayerReader(layer: layer, container: container, verifyBlobDigest: true, limits: limits)
            let outcome = reader.read(source, wants: wants)
            if let failure = source.failure ?? (outcome.warnings.isEmpty ? nil : source.state.drainAndVerify()) {
                results.fail(layer.index, failure)
                return
            }
            results.set(layer.index, files: outcome.files, warnings: outcome.warnings)
            if outcome.warnings.isEmpty { cache?.store(outcome.files) }
        }
        if let failure = results.firstFailure { throw failure }
        var read = LayerReadResult(layers: [], warnings: [])
        for layer in layers {
            let index = firstIndex[layer.digest + layer.diffID] ?? layer.index
            read.layers.append(results.files[index] ?? LayerFiles(diffID: layer.diffID))
            if index == layer.index { read.warnings += results.warnings[index] }
        }
        return read
    }
}

/// Per-layer outcomes filled in from several download threads.
private final class LayerResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var files: [LayerFiles?]
    private(set) var warnings: [[ScanWarning]]
    private var failures: [Int: RegistryError] = [:]

    init(count: Int) {
        files = Array(repeating: nil, count: count)
        warnings = Array(repeating: [], count: count)
    }

    func set(_ index: Int, files: LayerFiles, warnings: [ScanWarning]) {
        lock.lock()
        self.files[index] = files
        self.warnings[index] = warnings
        lock.unlock()
    }

    func fail(_ index: Int, _ error: RegistryError) {
        lock.lock()
        failures[index] = error
        lock.unlock()
    }

    /// The failure of the lowest layer, so the message does not depend on timing.
    var firstFailure: RegistryError? {
        lock.lock()
        defer { lock.unlock() }
        return failures.keys.min().flatMap { failures[$0] }
    }
}
