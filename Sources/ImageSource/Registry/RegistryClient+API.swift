import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A manifest or index as served, with the digest it was verified against.
public struct FetchedManifest: Sendable, Hashable {
    public var digest: String
    public var mediaType: String?
    public var bytes: [UInt8]
}

extension RegistryClient {
    /// Checks that the registry answers `/v2/` (authenticating when asked to).
    public func ping() throws(RegistryError) {
        _ = try fetch(url: url("", operation: "reach the API"), scope: "", operation: "reach the API", notFound: "the /v2/ API")
    }

    /// Every tag of `repository` once, following `Link` pagination until a page repeats or adds nothing new.
    public func tags(of repository: String) throws(RegistryError) -> [String] {
        struct Page: Decodable { var tags: [String]? }
        let operation = "list the tags of '\(repository)'"
        var next: URL? = try url("\(repository)/tags/list", query: [URLQueryItem(name: "n", value: "1000")], operation: operation)
        var pages = Pagination()
        while let page = next, pages.visit(page) {
            let (response, body) = try fetch(url: page, scope: Self.pullScope(repository), operation: operation, notFound: "repository '\(repository)'")
            guard let decoded = try? JSONDecoder().decode(Page.self, from: body) else {
                throw RegistryError(.invalidResponse("the tag list is not JSON with a 'tags' list"), registry: endpoint.name, operation: operation)
            }
            next = pages.add(decoded.tags ?? []) ? nextPage(response, after: page) : nil
        }
        return pages.items
    }

    /// Every repository listed by `/_catalog`, following pagination; nil when the registry does not allow it.
    public func catalog() throws(RegistryError) -> [String]? {
        struct Page: Decodable { var repositories: [String]? }
        let operation = "list the repositories"
        var next: URL? = try url("_catalog", query: [URLQueryItem(name: "n", value: "1000")], operation: operation)
        var pages = Pagination()
        while let page = next, pages.visit(page) {
            let response: ResponseHead
            let body: Data
            do {
                (response, body) = try fetch(url: page, scope: "registry:catalog:*", operation: operation, notFound: "the catalog")
            } catch {
                switch error.reason {
                case .unauthorized, .forbidden, .notFound, .unexpectedStatus(405, _): return nil
                default: throw error
                }
            }
            guard let decoded = try? JSONDecoder().decode(Page.self, from: body) else {
                throw RegistryError(.invalidResponse("the catalog is not JSON with a 'repositories' list"), registry: endpoint.name, operation: operation)
            }
            next = pages.add(decoded.repositories ?? []) ? nextPage(response, after: page) : nil
        }
        return pages.items
    }

    /// The digest a tag (or digest) points at now, from a HEAD request (no manifest download).
    public func resolveDigest(repository: String, reference: String) throws(RegistryError) -> String {
        let operation = "resolve '\(repository):\(reference)'"
        let target = try url("\(repository)/manifests/\(reference)", operation: operation)
        count { $0.manifestHeads += 1 }
        let (response, _) = try fetch("HEAD", url: target, scope: Self.pullScope(repository),
                                      headers: ["Accept": Self.manifestMediaTypes.joined(separator: ", ")],
                                      operation: operation, notFound: "manifest '\(repository):\(reference)'")
        if let digest = response.value(forHTTPHeaderField: "Docker-Content-Digest"), Self.isDigest(digest) { return digest }
        return try manifest(repository: repository, reference: reference).digest
    }

    /// A manifest or index by tag or digest, checked against the digest it was asked by (or announced).
    /// `deadline`: the image's, when this is part of reading one (see `imageDeadline()`).
    public func manifest(repository: String, reference: String, deadline: Date? = nil) throws(RegistryError) -> FetchedManifest {
        let operation = "fetch the manifest '\(repository)\(Self.isDigest(reference) ? "@" : ":")\(reference)'"
        let target = try url("\(repository)/manifests/\(reference)", operation: operation)
        count { $0.manifestGets[reference, default: 0] += 1 }
        let (response, body) = try fetch(url: target, scope: Self.pullScope(repository),
                                         headers: ["Accept": Self.manifestMediaTypes.joined(separator: ", ")],
                                         operation: operation, notFound: "manifest '\(repository):\(reference)'", limit: 4 << 20, deadline: deadline)
        let bytes = [UInt8](body)
        let actual = DigestHasher.digest(of: bytes)
        let expected = Self.isDigest(reference) ? reference : response.value(forHTTPHeaderField: "Docker-Content-Digest")
        if let expected, expected.hasPrefix("sha256:"), expected != actual {
            throw RegistryError(.digestMismatch(expected: expected, actual: actual), registry: endpoint.name, operation: operation)
        }
        let contentType = response.value(forHTTPHeaderField: "Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        return FetchedManifest(digest: actual, mediaType: contentType, bytes: bytes)
    }

    /// A small blob (a config) read whole and verified.
    public func blob(repository: String, digest: String, limit: Int = 16 << 20, deadline: Date? = nil) throws(RegistryError) -> [UInt8] {
        let operation = "fetch blob \(digest.abbreviatedDigest) of '\(repository)'"
        guard Self.isDigest(digest) else {
            throw RegistryError(.invalidResponse("'\(digest)' is not a sha256 digest"), registry: endpoint.name, operation: operation)
        }
        let target = try url("\(repository)/blobs/\(digest)", operation: operation)
        count { $0.blobGets[digest, default: 0] += 1 }
        let (_, body) = try fetch(url: target, scope: Self.pullScope(repository), operation: operation, notFound: "blob '\(digest)'", limit: limit, deadline: deadline)
        let bytes = [UInt8](body)
        count { $0.blobBytes += Int64(bytes.count) }
        let actual = DigestHasher.digest(of: bytes)
        guard actual == digest else {
            throw RegistryError(.digestMismatch(expected: digest, actual: actual), registry: endpoint.name, operation: operation)
        }
        return bytes
    }

    /// Streams a blob in bounded ranged requests, verifying size and sha256 as it goes.
    public func blobStream(repository: String, digest: String, size: Int64?, deadline: Date? = nil) -> RegistryBlobSource {
        RegistryBlobSource(state: BlobStreamState(client: self, repository: repository, digest: digest, expectedSize: size, deadline: deadline))
    }

    /// `sha256:` and 64 lowercase hex digits.
    static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
