/// Where an image comes from, as written in the configuration or on the command line.
public enum ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// An OCI image layout directory (`oci-layout`, `index.json`, `blobs/`).
    case ociDirectory(String)
    /// A `docker save` tarball, plain or gzip-compressed.
    case archive(String)
    /// A root filesystem in a directory (`fs://DIR`), read as one pseudo-layer.
    case filesystem(String)

    /// Schemes other teams will add later; recognised so the error can say so.
    private static let plannedSchemes = ["registry://", "sbom://", "docker://"]

    /// Parses `oci-dir://PATH` or `archive://PATH`.
    public init(parsing text: String) throws(ImageSourceError) {
        if let path = Self.path(of: text, scheme: "oci-dir://") {
            self = .ociDirectory(path)
        } else if let path = Self.path(of: text, scheme: "archive://") {
            self = .archive(path)
        } else if let path = Self.path(of: text, scheme: "fs://") {
            self = .filesystem(path)
        } else if Self.plannedSchemes.contains(where: { text.hasPrefix($0) }) {
            throw ImageSourceError(.unsupportedReference, subject: text)
        } else {
            throw ImageSourceError(.invalidReference, subject: text)
        }
    }

    private static func path(of text: String, scheme: String) -> String? {
        guard text.hasPrefix(scheme) else { return nil }
        let path = String(text.dropFirst(scheme.count))
        return path.isEmpty ? nil : path
    }

    /// The path on disk.
    public var path: String {
        switch self {
        case .ociDirectory(let path), .archive(let path), .filesystem(let path): path
        }
    }

    /// The reference as text: `oci-dir://PATH` or `archive://PATH`.
    public var description: String {
        switch self {
        case .ociDirectory(let path): "oci-dir://\(path)"
        case .archive(let path): "archive://\(path)"
        case .filesystem(let path): "fs://\(path)"
        }
    }
}
