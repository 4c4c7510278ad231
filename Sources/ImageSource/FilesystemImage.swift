import Foundation
import ScoutModel

/// A root filesystem in a directory (`fs://DIR`), read as an image of one pseudo-layer.
///
/// Only regular files are read (symbolic links are not followed, as a layer reader keeps no links
/// either). The image digest, which keys the stored SBOM, is the SHA-256 of a canonical listing of
/// the wanted files, one line per file sorted by path (UTF-8 bytes):
/// `<path relative to DIR, no leading slash>\0<size in decimal>\0<sha256 hex of the content>\n`.
/// The same digest is the pseudo-layer's digest and diffID. The same tree therefore always gets
/// the same digest, and any change to a package database gives a new one.
public struct FilesystemImage: ImageHandle {
    public let root: String
    public let metadata: ImageMetadata
    /// The wanted files, read when the image was opened.
    private let files: [String: [UInt8]]
    private let warnings: [ScanWarning]

    /// Walks `root`, reading every regular file `wants` accepts (files above `limits.maxFileSize`
    /// are skipped with a warning).
    public static func open(root: String, wants: @Sendable (String) -> Bool, limits: ReadLimits = ReadLimits()) throws(ImageSourceError) -> FilesystemImage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImageSourceError(.missing("the directory"), subject: root)
        }
        let base = URL(fileURLWithPath: root).standardizedFileURL
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys, options: []) else {
            throw ImageSourceError(.unreadable("the directory cannot be listed"), subject: root)
        }
        var files: [String: [UInt8]] = [:]
        var warnings: [ScanWarning] = []
        var total: Int64 = 0
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)),
                  values.isSymbolicLink != true, values.isRegularFile == true else { continue }
            let size = Int64(values.fileSize ?? 0)
            total += size
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            let path = String(full.dropFirst(prefix.count))
            guard wants(path) else { continue }
            if size > limits.maxFileSize {
                warnings.append(ScanWarning(subject: path, message: "Skipped '\(path)' in '\(root)': \(size) bytes is over the \(limits.maxFileSize)-byte limit.", incomplete: true))
                continue
            }
            do {
                files[path] = try OpenFile.readAll(path: full)
            } catch {
                warnings.append(ScanWarning(subject: path, message: "Failed to read '\(path)' in '\(root)': \(error).", incomplete: true))
            }
        }
        let digest = listingDigest(files)
        let layer = LayerInfo(index: 0, digest: digest, diffID: digest, size: total, createdBy: "fs://\(root)")
        let metadata = ImageMetadata(manifestDigest: digest, size: total, layers: [layer])
        return FilesystemImage(root: root, metadata: metadata, files: files, warnings: warnings)
    }

    /// The digest of the canonical listing described above.
    public static func listingDigest(_ files: [String: [UInt8]]) -> String {
        var listing: [UInt8] = []
        for path in files.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let content = files[path]!
            let hex = String(ContentDigest.sha256(content).dropFirst("sha256:".count))
            listing += Array(path.utf8) + [0] + Array(String(content.count).utf8) + [0] + Array(hex.utf8) + [0x0A]
        }
        return ContentDigest.sha256(listing)
    }

    /// The files read at open time, as one layer (`wants` narrows them further).
    public func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits) throws -> LayerReadResult {
        let kept = files.filter { wants($0.key) && Int64($0.value.count) <= limits.maxFileSize }
        return LayerReadResult(layers: [LayerFiles(diffID: metadata.layers[0].diffID, files: kept)], warnings: warnings)
    }
}
