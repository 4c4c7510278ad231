import Foundation
import ScoutModel

/// An ignore-list entry in the matcher's terms.
public struct IgnoreEntry: Sendable, Hashable {
    public var id: String
    /// A package name (binary or source) or a purl prefix; nil = any package.
    public var package: String?
    /// A repository (`library/alpine`) or `repository:tag`; nil = any image.
    public var image: String?
    public var reason: String
    /// `YYYY-MM-DD`, inclusive.
    public var expires: String?
    /// Where it was declared (the config file).
    public var source: String

    public init(id: String, package: String? = nil, image: String? = nil, reason: String, expires: String? = nil, source: String) {
        self.id = id
        self.package = package
        self.image = image
        self.reason = reason
        self.expires = expires
        self.source = source
    }

    /// True while `today` (`YYYY-MM-DD`, or an RFC 3339 time) is not after `expires`.
    public func isActive(today: String) -> Bool {
        guard let expires else { return true }
        return String(today.prefix(10)) <= expires
    }
}

/// What an image is known as, for VEX products and ignore entries.
public struct ImageIdentity: Sendable, Hashable {
    public var digest: String
    /// `repository:tag` pairs.
    public var tags: [(repository: String, tag: String)]

    public init(digest: String, tags: [(repository: String, tag: String)]) {
        self.digest = digest
        self.tags = tags
    }

    public static func == (a: ImageIdentity, b: ImageIdentity) -> Bool {
        a.digest == b.digest && a.tags.map { "\($0.repository):\($0.tag)" } == b.tags.map { "\($0.repository):\($0.tag)" }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// Marks findings suppressed by VEX statements and ignore entries; findings are kept, never dropped.
public struct SuppressionRules: Sendable {
    public var documents: [OpenVEXDocument]
    public var ignore: [IgnoreEntry]
    /// `YYYY-MM-DD` (or RFC 3339): ignore entries that expired before it no longer apply.
    public var today: String

    public init(documents: [OpenVEXDocument], ignore: [IgnoreEntry], today: String) {
        self.documents = documents
        self.ignore = ignore
        self.today = today
    }

    /// Applies the rules to one image's findings. `imageDocuments` are the VEX documents found inside
    /// that image: their image-level products (`pkg:oci/…`, `pkg:docker/…`) name that image.
    public func apply(to findings: [Finding], image: ImageIdentity, imageDocuments: [OpenVEXDocument] = []) -> [Finding] {
        let candidates = documents.map { ($0, false) } + imageDocuments.map { ($0, true) }
        return findings.map { finding in
            var finding = finding
            finding.suppression = nil
            let ids = Set([finding.vulnerabilityID] + finding.aliases)
            // The latest applicable statement decides (timestamps compare as RFC 3339 text).
            var decisive: (statement: OpenVEXDocument.Statement, source: String, order: Int)?
            var order = 0
            for (document, inside) in candidates {
                for statement in document.statements {
                    order += 1
                    guard statement.vulnerabilityIDs.contains(where: ids.contains),
                          Self.applies(statement, to: finding.package, image: image, insideImage: inside) else { continue }
                    if let current = decisive, (current.statement.timestamp ?? "") > (statement.timestamp ?? "") { continue }
                    decisive = (statement, document.source, order)
                }
            }
            if let decisive, OpenVEXDocument.suppressingStatuses.contains(decisive.statement.status) {
                finding.suppression = Suppression(
                    kind: .vex, status: decisive.statement.status, justification: decisive.statement.justification,
                    statement: decisive.statement.impactStatement, source: decisive.source)
                return finding
            }
            for entry in ignore where entry.isActive(today: today) && ids.contains(entry.id) {
                guard Self.matches(packageRule: entry.package, finding.package), Self.matches(imageRule: entry.image, image) else { continue }
                finding.suppression = Suppression(kind: .ignore, status: "ignored", statement: entry.reason, source: entry.source, expires: entry.expires)
                break
            }
            return finding
        }
    }

    /// A document found inside an image (`insideImage`) applies only through products that name that
    /// image (its digest or repository): anyone who can add a file to an image (a dependency's tarball)
    /// could otherwise silence every finding with a statement about "any image" or about a package.
    static func applies(_ statement: OpenVEXDocument.Statement, to package: Package, image: ImageIdentity, insideImage: Bool) -> Bool {
        let imageProducts = statement.products.filter { names(image, $0) }
        if insideImage {
            guard !imageProducts.isEmpty else { return false }
            return statement.subcomponents.isEmpty || statement.subcomponents.contains { PurlPattern.matches($0, package.purl) }
        }
        let packageProducts = statement.products.filter { PurlPattern.matches($0, package.purl) }
        if !statement.subcomponents.isEmpty {
            let component = statement.subcomponents.contains { PurlPattern.matches($0, package.purl) }
            return component && (!imageProducts.isEmpty || !packageProducts.isEmpty || statement.products.isEmpty)
        }
        if !packageProducts.isEmpty { return true }
        // A statement about the whole image covers every package in it.
        return !imageProducts.isEmpty
    }

    /// True when a product identifier names this image: its digest, `repository[:tag]`, or an OCI or
    /// Docker purl whose repository (`pkg:docker/NAMESPACE/NAME`, the `repository_url` qualifier) is one
    /// of the image's repositories.
    static func names(_ image: ImageIdentity, _ product: String) -> Bool {
        let decoded = product.removingPercentEncoding ?? product
        let hex = image.digest.split(separator: ":").last.map(String.init) ?? image.digest
        if !hex.isEmpty && decoded.contains(hex) { return true }
        for (repository, tag) in image.tags where decoded == repository || decoded == "\(repository):\(tag)" || decoded.hasSuffix("/\(repository):\(tag)") {
            return true
        }
        let repositories = imagePurlRepositories(decoded)
        return image.tags.contains { tag in
            repositories.contains { $0 == tag.repository || $0.hasSuffix("/" + tag.repository) }
        }
    }

    /// The repositories an image purl names: `pkg:docker/library/alpine@…` → `library/alpine`;
    /// `pkg:oci/alpine@…?repository_url=docker.io/library/alpine` → `docker.io/library/alpine`.
    static func imagePurlRepositories(_ purl: String) -> [String] {
        guard purl.hasPrefix("pkg:oci/") || purl.hasPrefix("pkg:docker/") else { return [] }
        let main = purl.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = main.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var repositories: [String] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") where pair.hasPrefix("repository_url=") {
                repositories.append(String(pair.dropFirst("repository_url=".count)))
            }
        }
        if purl.hasPrefix("pkg:docker/") {
            let path = parts[0].dropFirst("pkg:docker/".count)
            let name = path.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if name.contains("/") { repositories.append(String(name)) }
        }
        return repositories.filter { !$0.isEmpty }
    }

    static func matches(packageRule: String?, _ package: Package) -> Bool {
        guard let rule = packageRule, !rule.isEmpty else { return true }
        if rule.hasPrefix("pkg:") { return PurlPattern.matches(rule, package.purl) }
        return rule == package.name || rule == package.sourceName
    }

    static func matches(imageRule: String?, _ image: ImageIdentity) -> Bool {
        guard let rule = imageRule, !rule.isEmpty else { return true }
        if image.digest == rule || image.digest.hasSuffix(rule) { return true }
        return image.tags.contains { rule == $0.repository || rule == "\($0.repository):\($0.tag)" }
    }
}

/// purl comparison for VEX: type, namespace and name must agree; a version in the pattern must agree;
/// qualifiers in the pattern must be present in the package's purl.
enum PurlPattern {
    static func matches(_ pattern: String, _ purl: String) -> Bool {
        guard pattern.hasPrefix("pkg:"), let a = parts(pattern), let b = parts(purl) else { return false }
        guard a.base.lowercased() == b.base.lowercased() else { return false }
        if let version = a.version, version != b.version { return false }
        return a.qualifiers.allSatisfy { b.qualifiers[$0.key] == $0.value }
    }

    private static func parts(_ purl: String) -> (base: String, version: String?, qualifiers: [String: String])? {
        let text = purl.removingPercentEncoding ?? purl
        var main = Substring(text.split(separator: "#", maxSplits: 1).first ?? "")
        var qualifiers: [String: String] = [:]
        if let question = main.firstIndex(of: "?") {
            for pair in main[main.index(after: question)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { qualifiers[String(kv[0])] = String(kv[1]) }
            }
            main = main[..<question]
        }
        // The version follows the last '@' after the name (namespaces never hold '@' once decoded, except scopes).
        let slash = main.lastIndex(of: "/") ?? main.startIndex
        if let at = main[slash...].lastIndex(of: "@") {
            return (String(main[..<at]), String(main[main.index(after: at)...]), qualifiers)
        }
        return (String(main), nil, qualifiers)
    }
}
