/// Image names as written in annotations and provenance, made comparable with configured repositories.
public enum ImageName {
    /// `docker.io/library/alpine:3.18@sha256:…` → (`docker.io/library/alpine`, `3.18`, `sha256:…`).
    public static func parse(_ text: String) -> BaseImageReferenceParts {
        var name = Substring(text.trimmingCharacters(in: .whitespaces))
        var digest: String?
        if let at = name.firstIndex(of: "@") {
            digest = String(name[name.index(after: at)...])
            name = name[..<at]
        }
        var tag: String?
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[name.index(after: colon)...])
            name = name[..<colon]
        }
        return BaseImageReferenceParts(repository: String(name), tag: tag?.isEmpty == true ? nil : tag,
                                       digest: digest?.isEmpty == true ? nil : digest)
    }

    /// `pkg:docker/alpine@3.18?platform=linux%2Famd64` → (`alpine`, `3.18`); a digest version
    /// (`sha256:…`) becomes the digest. Nil when the URI is not a docker purl.
    public static func parsePurl(_ uri: String) -> BaseImageReferenceParts? {
        guard uri.hasPrefix("pkg:docker/") else { return nil }
        var rest = Substring(uri.dropFirst("pkg:docker/".count))
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        var version: String?
        if let at = rest.lastIndex(of: "@") {
            version = String(rest[rest.index(after: at)...]).removingPercentEncoding
            rest = rest[..<at]
        }
        let name = String(rest).removingPercentEncoding ?? String(rest)
        if let version, version.hasPrefix("sha256:") {
            return BaseImageReferenceParts(repository: name, tag: nil, digest: version)
        }
        return BaseImageReferenceParts(repository: name, tag: version, digest: nil)
    }

    /// The key two spellings of one Docker Hub repository share: `docker.io/library/alpine`,
    /// `index.docker.io/library/alpine`, `library/alpine` and `alpine` all give `alpine`.
    public static func key(_ repository: String) -> String {
        var name = repository.lowercased()
        for host in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] where name.hasPrefix(host) {
            name = String(name.dropFirst(host.count))
        }
        if name.hasPrefix("library/") { name = String(name.dropFirst("library/".count)) }
        return name
    }

    /// The fully qualified spelling approved-base-image globs are matched against:
    /// `alpine` → `docker.io/library/alpine`, `myorg/app` → `docker.io/myorg/app`, `ghcr.io/x/y` unchanged.
    public static func qualified(_ repository: String) -> String {
        let parts = repository.split(separator: "/")
        if let first = parts.first, parts.count > 1, first.contains(".") || first.contains(":") || first == "localhost" {
            return repository
        }
        let key = self.key(repository)
        return key.contains("/") ? "docker.io/\(key)" : "docker.io/library/\(key)"
    }
}

/// A parsed image name.
public struct BaseImageReferenceParts: Sendable, Hashable {
    public var repository: String
    public var tag: String?
    public var digest: String?
}

import Foundation
