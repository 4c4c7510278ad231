import ScoutModel

/// What an image's two pages (HTML and Markdown) derive from its report, computed once.
struct ImageFacts {
    struct Layer {
        let info: LayerInfo
        /// `name version` of the packages it added, sorted and joined.
        let packageNames: String?
        let packageCount: Int
        let counts: SeverityCounts
        let hasFindings: Bool
    }

    let layers: [Layer]
    let groups: [PackageFindings]
    /// Positions in the SBOM's package list, sorted by type, name, version, purl, with the layer
    /// position and the vulnerability count of each.
    let packages: [(position: Int, layer: Int?, vulnerabilities: Int)]

    init(_ image: ImageReport) {
        let metadata = image.sbom.metadata
        var layerIndex: [String: Int] = [:]
        for layer in metadata.layers where layerIndex[layer.diffID] == nil { layerIndex[layer.diffID] = layer.index }
        var packagesByLayer: [Int: [String]] = [:]
        let all = image.sbom.packages
        var layerOfPackage = [Int?](repeating: nil, count: all.count)
        for position in all.indices {
            guard let diffID = all[position].layerDiffID, let layer = layerIndex[diffID] else { continue }
            layerOfPackage[position] = layer
            packagesByLayer[layer, default: []].append(all[position].name + " " + all[position].version)
        }
        var findingsByLayer: [Int: [Finding]] = [:]
        var vulnerabilities: [PackageKey: Set<String>] = [:]
        let findings = image.findings
        for position in findings.indices {
            if let diffID = findings[position].package.layerDiffID, let layer = layerIndex[diffID] {
                findingsByLayer[layer, default: []].append(findings[position])
            }
            vulnerabilities[PackageKey(findings[position].package), default: []].insert(findings[position].vulnerabilityID)
        }
        layers = metadata.layers.sorted { $0.index < $1.index }.map { info in
            let names = packagesByLayer[info.index]
            let findings = findingsByLayer[info.index] ?? []
            return Layer(info: info, packageNames: names.map { $0.sorted().joined(separator: ", ") }, packageCount: names?.count ?? 0,
                         counts: findings.scoutCounts, hasFindings: !findings.isEmpty)
        }
        groups = image.findings.groupedBySourcePackage
        // Sort positions, not the (large) package values.
        let order = all.indices.sorted {
            if all[$0].type != all[$1].type { return all[$0].type < all[$1].type }
            if all[$0].name != all[$1].name { return all[$0].name < all[$1].name }
            if all[$0].version != all[$1].version { return all[$0].version < all[$1].version }
            return all[$0].purl < all[$1].purl
        }
        packages = order.map { ($0, layerOfPackage[$0], vulnerabilities.isEmpty ? 0 : vulnerabilities[PackageKey(all[$0])]?.count ?? 0) }
    }

    private struct PackageKey: Hashable {
        let type: PackageType
        let name: String
        let version: String
        init(_ package: Package) {
            type = package.type
            name = package.name
            version = package.version
        }
    }
}
