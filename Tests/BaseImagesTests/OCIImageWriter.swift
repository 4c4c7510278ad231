import Foundation
import ImageSource

/// Builds small OCI image layouts for the tests: uncompressed ustar layers, a config with `User`
/// and `created`, a manifest with annotations, and optionally BuildKit-style attestation manifests.
struct OCIImageWriter {
    struct Image {
        var layers: [[UInt8]]
        var user: String?
        var created = "2024-01-02T03:04:05Z"
        var manifestAnnotations: [String: String] = [:]
        var indexAnnotations: [String: String] = [:]
        /// in-toto statements attached as an attestation manifest: (predicate type, statement JSON).
        var attestations: [(predicateType: String, statement: String)] = []
    }

    /// Writes `image` as an OCI layout at `directory`; returns its manifest digest.
    @discardableResult
    static func write(_ image: Image, to directory: URL) throws -> String {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("blobs/sha256"), withIntermediateDirectories: true)
        func blob(_ bytes: [UInt8]) throws -> String {
            let digest = ContentDigest.sha256(bytes)
            try Data(bytes).write(to: directory.appendingPathComponent("blobs/sha256/" + digest.dropFirst(7)))
            return digest
        }
        func json(_ value: Any) throws -> [UInt8] {
            [UInt8](try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
        }
        var layerDescriptors: [[String: Any]] = []
        for layer in image.layers {
            layerDescriptors.append(["mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": try blob(layer), "size": layer.count])
        }
        var settings: [String: Any] = [:]
        if let user = image.user { settings["User"] = user }
        let config = try json([
            "architecture": "amd64", "os": "linux", "created": image.created, "config": settings,
            "rootfs": ["type": "layers", "diff_ids": image.layers.map(ContentDigest.sha256)],
            "history": image.layers.indices.map { ["created_by": "layer \($0)"] },
        ] as [String: Any])
        let configDigest = try blob(config)
        var manifest: [String: Any] = [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest, "size": config.count],
            "layers": layerDescriptors,
        ]
        if !image.manifestAnnotations.isEmpty { manifest["annotations"] = image.manifestAnnotations }
        let manifestBytes = try json(manifest)
        let digest = try blob(manifestBytes)
        var descriptors: [[String: Any]] = [[
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest, "size": manifestBytes.count,
            "platform": ["os": "linux", "architecture": "amd64"],
        ]]
        if !image.attestations.isEmpty {
            let empty = try json([String: Any]())
            let emptyDigest = try blob(empty)
            var statements: [[String: Any]] = []
            for attestation in image.attestations {
                let bytes = Array(attestation.statement.utf8)
                statements.append([
                    "mediaType": "application/vnd.in-toto+json", "digest": try blob(bytes), "size": bytes.count,
                    "annotations": ["in-toto.io/predicate-type": attestation.predicateType],
                ])
            }
            let attestationManifest = try json([
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": emptyDigest, "size": empty.count],
                "layers": statements,
            ] as [String: Any])
            descriptors.append([
                "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": try blob(attestationManifest),
                "size": attestationManifest.count, "platform": ["os": "unknown", "architecture": "unknown"],
                "annotations": ["vnd.docker.reference.type": "attestation-manifest", "vnd.docker.reference.digest": digest],
            ])
        }
        var index: [String: Any] = ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": descriptors]
        if !image.indexAnnotations.isEmpty { index["annotations"] = image.indexAnnotations }
        try Data(try json(index)).write(to: directory.appendingPathComponent("index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: directory.appendingPathComponent("oci-layout"))
        return digest
    }
}

/// A minimal ustar writer: regular files only, which is all the layers here need.
struct LayerTar {
    private var bytes: [UInt8] = []

    init(_ files: [(path: String, content: [UInt8])]) {
        for file in files { add(file.path, file.content) }
    }

    private mutating func add(_ path: String, _ content: [UInt8]) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
        }
        put(path, at: 0)
        put("0000644\0", at: 100)
        put("0000000\0", at: 108)
        put("0000000\0", at: 116)
        let size = String(content.count, radix: 8)
        put(String(repeating: "0", count: 11 - size.count) + size + "\0", at: 124)
        put("00000000000\0", at: 136)
        header[156] = 0x30
        put("ustar\0" + "00", at: 257)
        for index in 148..<156 { header[index] = 0x20 }
        let sum = String(header.reduce(0) { $0 + Int($1) }, radix: 8)
        put(String(repeating: "0", count: 6 - sum.count) + sum + "\0 ", at: 148)
        bytes += header + content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}
