import ScoutModel

/// What changed between two images: packages added, removed or changed (by type and name), and
/// vulnerabilities added or fixed (by id and source package).
struct ImageDiff: Sendable {
    struct PackageChange: Sendable {
        let type: PackageType
        let name: String
        let before: [String]
        let after: [String]
    }

    let addedPackages: [PackageChange]
    let removedPackages: [PackageChange]
    let changedPackages: [PackageChange]
    /// One finding per (vulnerability, source package), worst first: positions in the newer image's
    /// findings (added) and the older image's (fixed). A fleet's comparisons would otherwise hold tens of
    /// megabytes of copied findings.
    private let addedPositions: [Int32]
    private let fixedPositions: [Int32]
    private let olderFindings: [Finding]
    private let newerFindings: [Finding]

    /// How much changed, without the lists.
    struct Summary: Sendable {
        let addedPackages: Int
        let removedPackages: Int
        let changedPackages: Int
        let addedVulnerabilities: Int
        let fixedVulnerabilities: Int
    }

    var summary: Summary {
        Summary(addedPackages: addedPackages.count, removedPackages: removedPackages.count, changedPackages: changedPackages.count,
                addedVulnerabilities: addedPositions.count, fixedVulnerabilities: fixedPositions.count)
    }

    var addedVulnerabilities: [Finding] { addedPositions.map { newerFindings[Int($0)] } }
    var fixedVulnerabilities: [Finding] { fixedPositions.map { olderFindings[Int($0)] } }
    var addedVulnerabilityCount: Int { addedPositions.count }
    var fixedVulnerabilityCount: Int { fixedPositions.count }

    /// A package by type and name (its versions are compared).
    private struct NameKey: Hashable {
        let type: PackageType
        let name: String
    }

    /// A finding by vulnerability and source package.
    private struct FindingKey: Hashable {
        let id: String
        let type: PackageType
        let name: String
    }

    /// `ordered: false` leaves the lists in no particular order (for the summary: only counts are read).
    init(older: ImageReport, newer: ImageReport, ordered sortLists: Bool = true) {
        func versions(_ image: ImageReport) -> [NameKey: [String]] {
            var result: [NameKey: [String]] = [:]
            result.reserveCapacity(image.sbom.packages.count)
            for package in image.sbom.packages {
                result[NameKey(type: package.type, name: package.name), default: []].append(package.version)
            }
            return result
        }
        /// Sorted, without repeats.
        func normalized(_ versions: [String]?) -> [String] {
            guard let versions else { return [] }
            return versions.count == 1 ? versions : Array(Set(versions)).sorted()
        }
        let before = versions(older), after = versions(newer)
        var added: [PackageChange] = [], removed: [PackageChange] = [], changed: [PackageChange] = []
        for (key, versions) in before {
            if let now = after[key] {
                let a = normalized(versions), b = normalized(now)
                if a != b { changed.append(PackageChange(type: key.type, name: key.name, before: a, after: b)) }
            } else {
                removed.append(PackageChange(type: key.type, name: key.name, before: normalized(versions), after: []))
            }
        }
        for (key, versions) in after where before[key] == nil {
            added.append(PackageChange(type: key.type, name: key.name, before: [], after: normalized(versions)))
        }
        // Type, then name: the order of the tables (only the changes are sorted).
        func sorted(_ changes: [PackageChange]) -> [PackageChange] {
            sortLists ? changes.sorted { $0.type != $1.type ? $0.type < $1.type : $0.name < $1.name } : changes
        }
        addedPackages = sorted(added)
        removedPackages = sorted(removed)
        changedPackages = sorted(changed)

        func byVulnerability(_ findings: [Finding]) -> [FindingKey: Int32] {
            var result: [FindingKey: Int32] = [:]
            result.reserveCapacity(findings.count)
            for position in findings.indices {
                let key = FindingKey(id: findings[position].vulnerabilityID, type: findings[position].package.type,
                                     name: findings[position].package.matchName)
                if result[key] == nil { result[key] = Int32(position) }
            }
            return result
        }
        olderFindings = older.findings
        newerFindings = newer.findings
        let old = byVulnerability(olderFindings), new = byVulnerability(newerFindings)
        // Worst first, then by vulnerability, type and package name.
        func ordered(_ keys: [FindingKey], _ positions: [FindingKey: Int32], _ findings: [Finding]) -> [Int32] {
            guard sortLists else { return keys.map { positions[$0]! } }
            let ranked = keys.map { (rank: findings[Int(positions[$0]!)].severity.rank, key: $0) }.sorted { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.key.id != b.key.id { return a.key.id < b.key.id }
                if a.key.type != b.key.type { return a.key.type < b.key.type }
                return a.key.name < b.key.name
            }
            return ranked.map { positions[$0.key]! }
        }
        addedPositions = ordered(new.keys.filter { old[$0] == nil }, new, newerFindings)
        fixedPositions = ordered(old.keys.filter { new[$0] == nil }, old, olderFindings)
    }
}
