/// `registry://HOST[:PORT]/REPO[:TAG]` or `registry://HOST[:PORT]/REPO@sha256:…`.
public struct RegistryReference: Sendable, Hashable, CustomStringConvertible {
    /// `host` or `host:port` as written.
    public var authority: String
    /// The repository path; `library/` is added to one-component names on Docker Hub.
    public var repository: String
    /// A tag or a `sha256:` digest.
    public var reference: String

    public var isDigest: Bool { RegistryClient.isDigest(reference) }

    /// Parses the text after `registry://`; nil when it is not `HOST/REPO[:TAG|@DIGEST]`.
    public init?(parsing text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let authority = String(text[..<slash])
        var rest = String(text[text.index(after: slash)...])
        guard !authority.isEmpty, !rest.isEmpty else { return nil }
        var reference = "latest"
        if let at = rest.firstIndex(of: "@") {
            reference = String(rest[rest.index(after: at)...])
            rest = String(rest[..<at])
            guard RegistryClient.isDigest(reference) else { return nil }
        } else if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            reference = String(rest[rest.index(after: colon)...])
            rest = String(rest[..<colon])
            guard Self.isValidTag(reference) else { return nil }
        }
        guard Self.isValidRepository(rest) else { return nil }
        let host = authority.lowercased()
        if ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(host), !rest.contains("/") {
            rest = "library/" + rest
        }
        self.authority = authority
        self.repository = rest
        self.reference = reference
    }

    public var description: String {
        "registry://\(authority)/\(repository)\(isDigest ? "@" : ":")\(reference)"
    }

    /// `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`.
    static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.first, tag.count <= 128, first.isASCII, first.isLetter || first.isNumber || first == "_" else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// Lowercase path components of `[a-z0-9]` joined by `.`, `_`, `__` or `-`, separated by `/`.
    static func isValidRepository(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 255 else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { component in
            guard let first = component.first, let last = component.last,
                  first.isASCII, last.isASCII, (first.isLowercase || first.isNumber), (last.isLowercase || last.isNumber) else { return false }
            return component.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }
        }
    }
}
