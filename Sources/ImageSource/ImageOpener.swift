import Foundation
import ScoutModel

/// Opens an image reference: reads and verifies its manifest and config, without reading layers.
public enum ImageOpener {
    /// Opens `ref`, picking the manifest for `platform` when the image has several
    /// (default: the only one, else linux/amd64). `wants` selects the files a `fs://` directory is
    /// read and hashed for (default: every regular file); other references ignore it. `limits` bounds the
    /// outer gzip of a `docker save` archive, read while opening.
    public static func open(_ ref: ImageReference, platform: Platform? = nil, wants: (@Sendable (String) -> Bool)? = nil,
                            limits: ReadLimits = ReadLimits()) throws -> any ImageHandle {
        switch ref {
        case .ociDirectory(let path):
            return try OCILayoutImage.open(root: path, platform: platform)
        case .archive(let path):
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                return try OCILayoutImage.open(root: path, platform: platform)
            }
            return try DockerArchiveImage.open(path: path, platform: platform, limits: limits)
        case .filesystem(let path):
            return try FilesystemImage.open(root: path, wants: wants ?? { _ in true })
        case .registry(let reference):
            // Credentials as `docker scout` finds them: ~/.docker/config.json (auths, helpers), else anonymous.
            let client = RegistryClient(endpoint: try RegistryEndpoint(url: reference.authority))
            return try RegistryImage.open(client: client, repository: reference.repository, reference: reference.reference, platform: platform)
        }
    }
}
