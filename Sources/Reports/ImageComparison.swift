import ScoutModel
import Versions

/// What changed between two images: `scout-report compare IMAGE --to IMAGE`.
public struct ImageComparison: Sendable, Hashable, Codable {
    /// A package present in one image only, or in both at different versions.
    public struct PackageChange: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case added, removed, upgraded, downgraded, changed
        }
        public var kind: Kind
        public var type: PackageType
        public var name: String
        /// The version in the comparison image (nil when added).
        public var from: String?
        /// The version in the analysed image (nil when removed).
        public var to: String?
    }

    /// A vulnerability of a source package present in one image only.
    public struct VulnerabilityChange: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            /// In the analysed image, not in the comparison image.
            case added
            /// In the comparison image, no longer in the analysed image.
            case removed
        }
        public var kind: Kind
        public var id: String
        public var severity: Severity
        public var package: String
        public var version: String
        public var type: PackageType
    }

    /// Name and digest of one side.
    public struct Side: Sendable, Hashable, Codable {
        public var name: String
        public var digest: String
        public var platform: String?
        public var size: Int64
        public var packages: Int
        public var counts: SeverityCounts
    }

    public var analyzed: Side
    public var comparison: Side
    /// Sorted by type, then name.
    public var packages: [PackageChange]
    /// Sorted by kind (added first), severity, id, package.
    public var vulnerabilities: [VulnerabilityChange]

    /// Compares `image` (the analysed image) with `other` (the `--to` image).
    public init(_ image: ImageReport, to other: ImageReport) {
        analyzed = Self.side(image)
        comparison = Self.side(other)
        packages = Self.packageChanges(from: other.sbom.packages, to: image.sbom.packages)
        vulnerabilities = Self.vulnerabilityChanges(from: other.findings, to: image.findings)
    }

    /// True when the analysed image has vulnerabilities the comparison image does not have.
    public var hasNewVulnerabilities: Bool { vulnerabilities.contains { $0.kind == .added } }
    /// True when any package differs.
    public var hasPackageChanges: Bool { !packages.isEmpty }

    private static func side(_ image: ImageReport) -> Side {
        Side(name: image.displayName, digest: image.digest, platform: image.sbom.metadata.platform?.description,
             size: image.sbom.metadata.size, packages: image.sbom.packages.count, counts: image.findings.scoutCounts)
    }

    private struct NameKey: Hashable, Comparable {
        var type: PackageType
        var name: String
        static func < (a: NameKey, b: NameKey) -> Bool { (a.type.rawValue, a.name) < (b.type.rawValue, b.name) }
    }

    private static func packageChanges(from old: [Package], to new: [Package]) -> [PackageChange] {
        func versions(_ packages: [Package]) -> [NameKey: Set<String>] {
            packages.reduce(into: [:]) { $0[NameKey(type: $1.type, name: $1.name), default: []].insert($1.version) }
        }
        let before = versions(old), after = versions(new)
        var changes: [PackageChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let was = before[key], now = after[key]
            if was == now { continue }
            let from = was.map { $0.sorted().joined(separator: ", ") }
            let to = now.map { $0.sorted().joined(separator: ", ") }
            let kind: PackageChange.Kind
            if was == nil { kind = .added } else if now == nil { kind = .removed } else { kind = direction(key.type, from!, to!) }
            changes.append(PackageChange(kind: kind, type: key.type, name: key.name, from: from, to: to))
        }
        return changes
    }

    /// Upgraded or downgraded when both sides hold one version the type's scheme can order.
    private static func direction(_ type: PackageType, _ from: String, _ to: String) -> PackageChange.Kind {
        let scheme: VersionScheme?
        switch type {
        case .deb: scheme = .dpkg
        case .apk: scheme = .apk
        case .rpm: scheme = .rpm
        case .pypi: scheme = .pep440
        case .npm, .golang, .cargo: scheme = .semver
        case .maven: scheme = .maven
        case .gem: scheme = .rubygems
        case .nuget: scheme = .nuget
        case .composer: scheme = .packagist
        }
        guard let scheme, !from.contains(","), !to.contains(","), let order = try? scheme.compare(from, to) else { return .changed }
        return order < 0 ? .upgraded : .downgraded
    }

    private struct VulnerabilityKey: Hashable {
        var id: String
        var type: PackageType
        var name: String
    }

    private static func vulnerabilityChanges(from old: [Finding], to new: [Finding]) -> [VulnerabilityChange] {
        func index(_ findings: [Finding]) -> [VulnerabilityKey: VulnerabilityChange] {
            var result: [VulnerabilityKey: VulnerabilityChange] = [:]
            for group in findings.groupedBySourcePackage {
                for finding in group.findings {
                    result[VulnerabilityKey(id: finding.vulnerabilityID, type: group.type, name: group.name)] = VulnerabilityChange(
                        kind: .added, id: finding.vulnerabilityID, severity: finding.severity,
                        package: group.name, version: group.version, type: group.type)
                }
            }
            return result
        }
        let before = index(old), after = index(new)
        var changes: [VulnerabilityChange] = []
        for (key, change) in after where before[key] == nil { changes.append(change) }
        for (key, var change) in before where after[key] == nil {
            change.kind = .removed
            changes.append(change)
        }
        return changes.sorted {
            ($0.kind == .added ? 0 : 1, $0.severity.rank, $0.id, $0.package) < ($1.kind == .added ? 0 : 1, $1.severity.rank, $1.id, $1.package)
        }
    }
}
