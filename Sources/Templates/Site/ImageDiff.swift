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
    /// One finding per (vulnerability, source package), worst first.
    let addedVulnerabilities: [Finding]
    let fixedVulnerabilities: [Finding]

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

        func byVulnerability(_ image: ImageReport) -> [String: Finding] {
            var result: [String: Finding] = [:]
            for finding in image.findings {
                let key = "\(finding.vulnerabilityID)|\(finding.package.type.rawValue)|\(finding.package.matchName)"
                if result[key] == nil { result[key] = finding }
            }
            return result
        }
        let old = byVulnerability(older), new = byVulnerability(newer)
        // Sort keys, then fetch the findings: moving whole findings around is what costs.
        func ordered(_ keys: [String], _ findings: [String: Finding]) -> [Finding] {
            keys.map { (findings[$0]!.severity.rank, $0) }.sorted { $0 < $1 }.map { findings[$0.1]! }
        }
        addedVulnerabilities = ordered(new.keys.filter { old[$0] == nil }, new)
        fixedVulnerabilities = ordered(old.keys.filter { new[$0] == nil }, old)
    }
}
