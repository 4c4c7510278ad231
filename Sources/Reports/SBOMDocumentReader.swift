import Foundation
import ScoutModel

/// Reads a CycloneDX (1.2–1.6) or SPDX 2.x JSON document back into packages: `sbom://FILE`.
///
/// Only components/packages with a package URL of a known type (`deb`, `apk`, `npm`, …) become
/// `Package`s; the others are counted in `skipped`. The source package comes from this tool's own
/// CycloneDX properties or SPDX `sourceInfo`, else from the purl's `upstream` qualifier (syft, trivy).
public enum SBOMDocumentReader {
    /// What a document gave.
    public struct Document: Sendable, Hashable {
        /// `CycloneDX 1.6`, `SPDX-2.3`.
        public var format: String
        /// The described image's name, when the document gives one.
        public var name: String?
        /// The described image's digest (`sha256:…`), when the document gives one.
        public var digest: String?
        public var os: OSRelease?
        public var packages: [Package]
        /// Entries without a usable package URL.
        public var skipped: Int
    }

    /// Largest document read: `JSONSerialization` holds about eight times the text in memory (a 1 GB
    /// document passed 8 GiB of RSS), so this keeps a hostile document near 1 GiB.
    public static let maximumBytes = 128 << 20

    /// Parses `data`; `subject` (the file name) names it in errors.
    public static func read(_ data: Data, subject: String) throws(ReportError) -> Document {
        guard data.count <= maximumBytes else { throw tooLarge(data.count, subject: subject) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReportError(subject: subject, reason: .unreadableSBOM("it is not JSON (\(error.localizedDescription))"))
        }
        guard let root = object as? [String: Any] else {
            throw ReportError(subject: subject, reason: .unreadableSBOM("the top level is not a JSON object"))
        }
        if root["bomFormat"] as? String == "CycloneDX" { return cycloneDX(root) }
        if let version = root["spdxVersion"] as? String, version.hasPrefix("SPDX-2.") { return spdx(root, version: version) }
        throw ReportError(subject: subject, reason: .unreadableSBOM("it is neither CycloneDX JSON (bomFormat) nor SPDX 2.x JSON (spdxVersion)"))
    }

    /// The error for a document of `size` bytes (over `maximumBytes`).
    public static func tooLarge(_ size: some BinaryInteger, subject: String) -> ReportError {
        ReportError(subject: subject, reason: .unreadableSBOM("it is \(size) bytes or more, over the \(maximumBytes)-byte limit"))
    }

    // MARK: CycloneDX

    private static func cycloneDX(_ root: [String: Any]) -> Document {
        let metadata = root["metadata"] as? [String: Any]
        let subject = metadata?["component"] as? [String: Any]
        var document = Document(
            format: "CycloneDX \(root["specVersion"] as? String ?? "")", name: subject?["name"] as? String,
            digest: digest(in: [subject?["version"] as? String, subject?["purl"] as? String]), os: nil, packages: [], skipped: 0)
        var components: [[String: Any]] = []
        var stack = root["components"] as? [[String: Any]] ?? []
        while let component = stack.popLast() {
            components.append(component)
            stack += component["components"] as? [[String: Any]] ?? []
        }
        for component in components {
            if component["type"] as? String == "operating-system", let name = component["name"] as? String {
                document.os = OSRelease(id: name.lowercased(), versionID: component["version"] as? String,
                                        prettyName: component["description"] as? String)
                continue
            }
            let properties = (component["properties"] as? [[String: Any]] ?? []).compactMap { entry -> (String, String)? in
                guard let name = entry["name"] as? String, let value = entry["value"] as? String else { return nil }
                return (name, value)
            }
            func property(_ name: String) -> String? { properties.first { $0.0 == name }?.1 }
            let licenses = (component["licenses"] as? [[String: Any]] ?? []).compactMap { choice -> String? in
                if let license = choice["license"] as? [String: Any] { return (license["id"] ?? license["name"]) as? String }
                return choice["expression"] as? String
            }
            guard let purl = component["purl"] as? String,
                  var package = package(purl: purl, name: component["name"] as? String,
                                        version: component["version"] as? String, cataloger: "cyclonedx-sbom") else {
                document.skipped += 1
                continue
            }
            package.licenses = licenses
            package.sourceName = property(CycloneDXReport.PropertyName.sourceName) ?? package.sourceName
            package.sourceVersion = property(CycloneDXReport.PropertyName.sourceVersion) ?? package.sourceVersion
            package.layerDiffID = property(CycloneDXReport.PropertyName.layerDiffID)
            package.locations = properties.filter { $0.0 == CycloneDXReport.PropertyName.location }.map(\.1)
            package.architecture = property(CycloneDXReport.PropertyName.architecture) ?? package.architecture
            if let cataloger = property(CycloneDXReport.PropertyName.cataloger) { package.cataloger = cataloger }
            document.packages.append(package)
        }
        document.os = document.os ?? os(from: document.packages)
        document.packages.sort(by: SBOMOrder.precedes)
        return document
    }

    // MARK: SPDX

    private static func spdx(_ root: [String: Any], version: String) -> Document {
        var document = Document(format: version, name: root["name"] as? String, digest: nil, os: nil, packages: [], skipped: 0)
        for entry in root["packages"] as? [[String: Any]] ?? [] {
            let refs = (entry["externalRefs"] as? [[String: Any]] ?? [])
                .filter { $0["referenceType"] as? String == "purl" }.compactMap { $0["referenceLocator"] as? String }
            let purpose = entry["primaryPackagePurpose"] as? String
            if purpose == "CONTAINER" {
                document.digest = document.digest ?? digest(in: [entry["versionInfo"] as? String] + refs)
                continue
            }
            if purpose == "OPERATING_SYSTEM" || purpose == "OPERATING-SYSTEM", refs.isEmpty, let name = entry["name"] as? String {
                document.os = OSRelease(id: name.lowercased(), versionID: entry["versionInfo"] as? String)
                continue
            }
            guard let purl = refs.first,
                  var package = package(purl: purl, name: entry["name"] as? String,
                                        version: entry["versionInfo"] as? String, cataloger: "spdx-sbom") else {
                document.skipped += 1
                continue
            }
            if let declared = entry["licenseDeclared"] as? String, !["NOASSERTION", "NONE"].contains(declared) {
                package.licenses = [declared]
            }
            if let info = entry["sourceInfo"] as? String, info.hasPrefix(SPDXReport.sourceInfoPrefix) {
                let parts = info.dropFirst(SPDXReport.sourceInfoPrefix.count).split(separator: " ", maxSplits: 1).map(String.init)
                package.sourceName = parts.first
                package.sourceVersion = parts.count > 1 ? parts[1] : nil
            }
            document.packages.append(package)
        }
        document.os = document.os ?? os(from: document.packages)
        document.packages.sort(by: SBOMOrder.precedes)
        return document
    }

    // MARK: Package URLs

    /// A package from its purl; nil when the purl is malformed or of a type scout-report does not match.
    static func package(purl: String, name: String?, version: String?, cataloger: String) -> Package? {
        guard let parsed = ParsedPURL(purl), let type = PackageType(rawValue: parsed.type) else { return nil }
        let fullName: String
        switch type {
        case .golang, .npm, .composer:
            fullName = (parsed.namespace.map { $0 + "/" } ?? "") + parsed.name
        case .maven:
            fullName = (parsed.namespace.map { $0 + ":" } ?? "") + parsed.name
        default:
            fullName = parsed.name
        }
        guard let resolvedVersion = parsed.version ?? version, !resolvedVersion.isEmpty else { return nil }
        var package = Package(type: type, name: fullName.isEmpty ? (name ?? "") : fullName, version: resolvedVersion,
                              purl: purl, cataloger: cataloger, architecture: parsed.qualifiers["arch"])
        if let upstream = parsed.qualifiers["upstream"] {
            let parts = upstream.split(separator: "@", maxSplits: 1).map(String.init)
            package.sourceName = parts[0]
            package.sourceVersion = parts.count > 1 ? parts[1] : nil
        }
        return package
    }

    /// The distribution most packages name in their `distro`/`os_name`+`os_version` qualifiers.
    private static func os(from packages: [Package]) -> OSRelease? {
        var votes: [String: Int] = [:]
        var releases: [String: OSRelease] = [:]
        for package in packages where package.type.isOSPackage {
            guard let parsed = ParsedPURL(package.purl) else { continue }
            var release: OSRelease?
            if let name = parsed.qualifiers["os_name"], let version = parsed.qualifiers["os_version"] {
                release = OSRelease(id: name, versionID: version, codename: parsed.qualifiers["os_distro"])
            } else if let distro = parsed.qualifiers["distro"] {
                let parts = distro.split(separator: "-", maxSplits: 1).map(String.init)
                if parts.count == 2 { release = OSRelease(id: parts[0], versionID: parts[1]) }
            }
            guard let release else { continue }
            votes[release.display, default: 0] += 1
            releases[release.display] = release
        }
        let best = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }
        return best.flatMap { releases[$0.key] }
    }

    /// The first `sha256:<64 hex>` found in the candidates (also percent-encoded, in a purl).
    private static func digest(in candidates: [String?]) -> String? {
        for case let text? in candidates {
            let decoded = text.removingPercentEncoding ?? text
            guard let range = decoded.range(of: "sha256:") else { continue }
            let hex = decoded[range.upperBound...].prefix(64)
            if hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) { return "sha256:" + hex }
        }
        return nil
    }
}

/// `pkg:type/namespace/name@version?qualifiers#subpath`, decoded.
struct ParsedPURL {
    var type: String
    var namespace: String?
    var name: String
    var version: String?
    var qualifiers: [String: String]

    init?(_ text: String) {
        guard text.hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        qualifiers = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                qualifiers[parts[0].lowercased()] = String(parts[1]).removingPercentEncoding ?? String(parts[1])
            }
            rest = rest[..<question]
        }
        if let at = rest.lastIndex(of: "@") {
            version = String(rest[rest.index(after: at)...]).removingPercentEncoding
            rest = rest[..<at]
        }
        let segments = rest.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count >= 2 else { return nil }
        type = segments[0].lowercased()
        name = segments.last!
        namespace = segments.count > 2 ? segments[1..<(segments.count - 1)].joined(separator: "/") : nil
    }
}
