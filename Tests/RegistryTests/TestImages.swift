import TestSupport
import Foundation
import ImageSource

/// An OCI layout holding the real Alpine 3.11 image (from Tests/Fixtures/images) as `base`, and
/// images built on it: the same first layer plus one small uncompressed layer of their own.
struct TestImages {
    let folder: URL
    var layout: URL { folder.appendingPathComponent("layout") }

    /// The real base layer's digest (shared by every derived image).
    private(set) var baseLayerDigest = ""

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = folder.appendingPathComponent("alpine-311.tar")
        try TestProcess.run("/bin/gzip", ["-dc", Fixtures.image("alpine-311.tar.gz")]).write(to: archive)
        try TestProcess.run("/usr/bin/skopeo", ["copy", "--quiet", "docker-archive:\(archive.path)", "oci:\(layout.path):base"])
        let base = try manifest(tag: "base")
        baseLayerDigest = ((base["layers"] as? [[String: Any]])?.first?["digest"] as? String) ?? ""
    }

    /// The digests of a derived image.
    struct Derived {
        var manifestDigest: String
        var configDigest: String
        var layerDigest: String
    }

    /// Writes `tag`: base plus a layer holding `app/hello.txt` with `content`, created at `created`.
    @discardableResult
    func derive(tag: String, content: String, created: String = "2026-01-01T00:00:00Z") throws -> Derived {
        var manifest = try manifest(tag: "base")
        var config = try json(blob: (manifest["config"] as! [String: Any])["digest"] as! String)
        var tar = TestTarWriter()
        tar.add("app/", content: [], kind: .directory)
        tar.add("app/hello.txt", content)
        let layer = tar.archive
        let layerDigest = try writeBlob(layer)
        var rootfs = config["rootfs"] as! [String: Any]
        rootfs["diff_ids"] = (rootfs["diff_ids"] as! [String]) + [layerDigest]
        config["rootfs"] = rootfs
        config["history"] = ((config["history"] as? [[String: Any]]) ?? []) + [["created": created, "created_by": "COPY hello.txt /app/"]]
        config["created"] = created
        let configBytes = try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
        let configDigest = try writeBlob([UInt8](configBytes))
        var configDescriptor = manifest["config"] as! [String: Any]
        configDescriptor["digest"] = configDigest
        configDescriptor["size"] = configBytes.count
        manifest["config"] = configDescriptor
        manifest["layers"] = (manifest["layers"] as! [[String: Any]]) + [[
            "mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layerDigest, "size": layer.count,
        ]]
        let manifestBytes = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
        let manifestDigest = try writeBlob([UInt8](manifestBytes))
        var index = try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("index.json"))) as! [String: Any]
        index["manifests"] = (index["manifests"] as! [[String: Any]]) + [[
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest, "size": manifestBytes.count,
            "annotations": ["org.opencontainers.image.ref.name": tag],
        ]]
        try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys]).write(to: layout.appendingPathComponent("index.json"))
        return Derived(manifestDigest: manifestDigest, configDigest: configDigest, layerDigest: layerDigest)
    }

    /// The manifest JSON of a tag in the layout.
    func manifest(tag: String) throws -> [String: Any] {
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("index.json"))) as! [String: Any]
        let entry = (index["manifests"] as! [[String: Any]]).first { ($0["annotations"] as? [String: String])?["org.opencontainers.image.ref.name"] == tag }!
        return try json(blob: entry["digest"] as! String)
    }

    func manifestDigest(tag: String) throws -> String {
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("index.json"))) as! [String: Any]
        let entry = (index["manifests"] as! [[String: Any]]).first { ($0["annotations"] as? [String: String])?["org.opencontainers.image.ref.name"] == tag }!
        return entry["digest"] as! String
    }

    private func json(blob digest: String) throws -> [String: Any] {
        let path = layout.appendingPathComponent("blobs/sha256/\(digest.dropFirst(7))")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as! [String: Any]
    }

    private func writeBlob(_ bytes: [UInt8]) throws -> String {
        let digest = ContentDigest.sha256(bytes)
        try Data(bytes).write(to: layout.appendingPathComponent("blobs/sha256/\(digest.dropFirst(7))"))
        return digest
    }

    /// An OCI layout holding only `tag` (sharing the blobs folder), as `oci-dir://` opens one image.
    func single(tag: String) throws -> URL {
        let folder = self.folder.appendingPathComponent("single-\(tag)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("blobs"), withDestinationURL: layout.appendingPathComponent("blobs"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: folder.appendingPathComponent("oci-layout"))
        let digest = try manifestDigest(tag: tag)
        let size = try Data(contentsOf: layout.appendingPathComponent("blobs/sha256/\(digest.dropFirst(7))")).count
        try Data(#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(digest)","size":\#(size)}]}"#.utf8)
            .write(to: folder.appendingPathComponent("index.json"))
        return folder
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
