import ScoutModel

/// Every advisory of every source, indexed by ecosystem and package name, with CVSS enrichment.
public struct AdvisoryIndex: Sendable {
    struct Entry: Sendable {
        var advisory: Int
        var affected: Int
    }

    let advisories: [Advisory]
    /// The source each advisory came from (its name in the config).
    let sourceNames: [String]
    let entries: [EcosystemKey: [Entry]]
    /// The preferred CVSS record per vulnerability id (NVD's Primary first).
    let cvss: [String: CVSSRecord]

    /// Indexes the advisories of each named source; withdrawn advisories are left out.
    public init(sources: [(name: String, advisories: [Advisory])], cvss records: [CVSSRecord]) {
        var advisories: [Advisory] = []
        var sourceNames: [String] = []
        var entries: [EcosystemKey: [Entry]] = [:]
        for source in sources {
            for advisory in source.advisories where advisory.withdrawn == nil {
                let index = advisories.count
                advisories.append(advisory)
                sourceNames.append(source.name)
                for (position, affected) in advisory.affected.enumerated() {
                    entries[EcosystemKey(affected: affected), default: []].append(Entry(advisory: index, affected: position))
                }
            }
        }
        var best: [String: CVSSRecord] = [:]
        for record in records {
            guard let existing = best[record.vulnerabilityID] else {
                best[record.vulnerabilityID] = record
                continue
            }
            if record.isPrimary && !existing.isPrimary { best[record.vulnerabilityID] = record }
        }
        self.advisories = advisories
        self.sourceNames = sourceNames
        self.entries = entries
        self.cvss = best
    }

    public var advisoryCount: Int { advisories.count }
}
