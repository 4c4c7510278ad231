/// Findings of one source package: how Docker Scout lists and counts them (`glibc 2.28-10 deb`).
public struct PackageFindings: Sendable, Hashable {
    /// The package the group is named after: the source package for OS packages.
    public var type: PackageType
    public var name: String
    public var version: String
    /// The purl of the first binary package of the group (source packages have none of their own).
    public var purl: String
    /// The binary packages of the group, sorted by name.
    public var packages: [Package]
    /// One finding per vulnerability (the first binary package's), most urgent first (or by severity then id).
    public var findings: [Finding]

    public var counts: SeverityCounts { findings.severityCounts }
    /// The worst severity in the group, for sorting.
    public var worst: Severity { findings.map(\.severity).min() ?? .unspecified }
}

extension Array where Element == Finding {
    /// Groups by (type, source package name, source version), one finding per vulnerability id in each
    /// group; groups sorted by their most urgent finding (`FindingPriority`), then by name. This is the
    /// unit Scout counts.
    public var groupedBySourcePackage: [PackageFindings] { groupedBySourcePackage(order: .priority) }

    /// As `groupedBySourcePackage`; `.severity` sorts as Scout does: worst severity first, then by name.
    public func groupedBySourcePackage(order sorting: FindingOrder) -> [PackageFindings] {
        typealias Key = SourcePackageKey
        var order: [Key] = []
        var groups: [Key: (packages: [String: Package], findings: [String: Finding])] = [:]
        for finding in self {
            let package = finding.package
            let key = Key(type: package.type, name: package.matchName, version: package.matchVersion)
            if groups[key] == nil {
                order.append(key)
                groups[key] = ([:], [:])
            }
            groups[key]!.packages[package.name] = groups[key]!.packages[package.name] ?? package
            if groups[key]!.findings[finding.vulnerabilityID] == nil {
                groups[key]!.findings[finding.vulnerabilityID] = finding
            }
        }
        let result = order.map { key -> PackageFindings in
            let group = groups[key]!
            let packages = group.packages.values.sorted { $0.name < $1.name }
            let findings = sorting == .priority ? group.findings.values.sorted { $0.precedes($1) } : group.findings.values.sorted {
                ($0.severity, $0.vulnerabilityID) < ($1.severity, $1.vulnerabilityID)
            }
            return PackageFindings(
                type: key.type, name: key.name, version: key.version,
                purl: packages.first?.purl ?? "", packages: packages, findings: findings)
        }
        if sorting == .priority {
            let top = result.map { $0.findings.first?.priority.score ?? 0 }
            return result.indices.sorted { a, b in
                if top[a] != top[b] { return top[a] > top[b] }
                if result[a].worst != result[b].worst { return result[a].worst < result[b].worst }
                return (result[a].name, result[a].version) < (result[b].name, result[b].version)
            }.map { result[$0] }
        }
        return result.sorted {
            if $0.worst != $1.worst { return $0.worst < $1.worst }
            if $0.name != $1.name { return $0.name < $1.name }
            return $0.version < $1.version
        }
    }

    /// Counts as Scout shows them: one per vulnerability per source package.
    /// (The first finding of each vulnerability in each group counts, as in `groupedBySourcePackage`.)
    public var scoutCounts: SeverityCounts {
        var counts = SeverityCounts()
        var seen = Set<CountedKey>(minimumCapacity: count)
        for finding in self {
            let package = finding.package
            let key = CountedKey(source: SourcePackageKey(type: package.type, name: package.matchName, version: package.matchVersion),
                                 vulnerability: finding.vulnerabilityID)
            if seen.insert(key).inserted { counts[finding.severity] += 1 }
        }
        return counts
    }
}

/// One vulnerability of one source package.
private struct CountedKey: Hashable {
    var source: SourcePackageKey
    var vulnerability: String
}

/// Identifies a source package inside one image.
private struct SourcePackageKey: Hashable {
    var type: PackageType
    var name: String
    var version: String
}

/// How lists of findings are ordered: by `FindingPriority` (the default) or by severity as Scout lists them.
public enum FindingOrder: String, Sendable, CaseIterable {
    case priority, severity
}
