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

    var addedVulnerabilities: [Finding] { addedPositions.map { newerFindings[Int($0)] } }
    var fixedVulnerabilities: [Finding] { fixedPositions.map { olderFindings[Int($0)] } }
    var addedVulnerabilityCount: Int { addedPositions.count }
    var fixedVulnerabilityCount: Int { fixedPositions.count }

    init(older: ImageReport, newer: ImageReport) {
        func versions(_ image: ImageReport) -> [String: (PackageType, String, Set<String>)] {
            var result: [String: (PackageType, String, Set<String>)] = [:]
            for package in image.sbom.packages {
                let key = "\(package.type.rawValue)|\(package.name)"
                result[key, default: (package.type, package.name, [])].2.insert(package.version)
            }
            return result
        }
        let before = versions(older), after = versions(newer)
        var added: [PackageChange] = [], removed: [PackageChange] = [], changed: [PackageChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let a = before[key], b = after[key]
            let (type, name, _) = (a ?? b)!
            let change = PackageChange(type: type, name: name, before: (a?.2 ?? []).sorted(), after: (b?.2 ?? []).sorted())
            switch (a, b) {
            case (nil, _?): added.append(change)
            case (_?, nil): removed.append(change)
            case let (x?, y?) where x.2 != y.2: changed.append(change)
            default: break
            }
        }
        addedPackages = added
        removedPackages = removed
        changedPackages = changed

        func byVulnerability(_ findings: [Finding]) -> [String: Int32] {
            var result: [String: Int32] = [:]
            for (position, finding) in findings.enumerated() {
                let key = "\(finding.vulnerabilityID)|\(finding.package.type.rawValue)|\(finding.package.matchName)"
                if result[key] == nil { result[key] = Int32(position) }
            }
            return result
        }
        olderFindings = older.findings
        newerFindings = newer.findings
        let old = byVulnerability(olderFindings), new = byVulnerability(newerFindings)
        func ordered(_ keys: [String], _ positions: [String: Int32], _ findings: [Finding]) -> [Int32] {
            keys.map { (findings[Int(positions[$0]!)].severity.rank, $0) }.sorted { $0 < $1 }.map { positions[$0.1]! }
        }
        addedPositions = ordered(new.keys.filter { old[$0] == nil }, new, newerFindings)
        fixedPositions = ordered(old.keys.filter { new[$0] == nil }, old, olderFindings)
    }
}
