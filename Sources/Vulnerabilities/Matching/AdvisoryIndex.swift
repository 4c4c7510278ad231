import ScoutModel
import Versions

/// Every advisory of every source, indexed by ecosystem and package name, with CVSS enrichment.
/// Each affected entry's ranges are read in its ecosystem's version scheme once, here, so matching
/// compares parsed versions (`PreparedRanges`).
public struct AdvisoryIndex: Sendable {
    struct Entry: Sendable {
        var advisory: Int
        var affected: Int
        /// The entry's ranges read in the bucket's scheme (empty when the ecosystem has no known ordering).
        var ranges: PreparedRanges?
    }

    /// The advisories of one (ecosystem, name) and the ecosystem's version scheme.
    struct Bucket: Sendable {
        /// Nil when no version ordering is known for the ecosystem: its advisories are not evaluated.
        var scheme: VersionScheme?
        var entries: [Entry]
    }

    let advisories: [Advisory]
    /// The source each advisory came from (its name in the config).
    let sourceNames: [String]
    let entries: [EcosystemKey: Bucket]
    /// The preferred CVSS record per vulnerability id (NVD's Primary first).
    let cvss: [String: CVSSRecord]

    /// Indexes the advisories of each named source; withdrawn advisories are left out. Ranges are read
    /// on every core.
    public init(sources: [(name: String, advisories: [Advisory])], cvss records: [CVSSRecord]) {
        var advisories: [Advisory] = []
        var sourceNames: [String] = []
        for source in sources {
            for advisory in source.advisories where advisory.withdrawn == nil {
                advisories.append(advisory)
                sourceNames.append(source.name)
            }
        }
        let all = advisories
        let prepared = ParallelMap.chunks(all.count) { range in
            // Few ecosystems, many advisories: each chunk looks each ecosystem's scheme up once.
            var schemes: [String: VersionScheme?] = [:]
            return range.map { index in
                all[index].affected.map { affected -> (EcosystemKey, VersionScheme?, PreparedRanges?) in
                    let scheme: VersionScheme?
                    if let known = schemes[affected.ecosystem] {
                        scheme = known
                    } else {
                        scheme = VersionScheme.forEcosystem(affected.ecosystem)
                        schemes[affected.ecosystem] = scheme
                    }
                    return (EcosystemKey(affected: affected), scheme, scheme.map { PreparedRanges(affected, scheme: $0) })
                }
            }
        }
        var entries: [EcosystemKey: Bucket] = [:]
        for (index, affectedEntries) in prepared.enumerated() {
            for (position, (key, scheme, ranges)) in affectedEntries.enumerated() {
                entries[key, default: Bucket(scheme: scheme, entries: [])].entries
                    .append(Entry(advisory: index, affected: position, ranges: ranges))
            }
        }
        var best: [String: CVSSRecord] = [:]
        for record in records {
            guard let existing = best[record.vulnerabilityID] else {
                best[record.vulnerabilityID] = record
                continue
            }
            if record.isPrimary && !existing.isPrimary {
                var preferred = record
                preferred.published = record.published ?? existing.published
                best[record.vulnerabilityID] = preferred
            }
        }
        self.advisories = advisories
        self.sourceNames = sourceNames
        self.entries = entries
        self.cvss = best
    }

    public var advisoryCount: Int { advisories.count }
}
