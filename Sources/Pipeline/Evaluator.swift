import ScoutModel
import Store
import Vulnerabilities

/// Matches stored SBOMs against the advisories currently in the store, with KEV and EPSS attached.
public struct Evaluator: Sendable {
    public let index: AdvisoryIndex
    public let enricher: FindingEnricher
    /// Records per source at the time the index was built.
    public let snapshot: [String: Int]

    /// Builds the index from everything the store holds.
    public init(store: ScoutStore) throws {
        let stored = try store.advisoryRecords()
        var sources: [(name: String, advisories: [Advisory])] = []
        for source in stored.sources {
            var advisories: [Advisory] = []
            advisories.reserveCapacity(source.records.count)
            for record in source.records {
                guard let advisory = AdvisoryRecordDecoder.decode(record) else {
                    throw StoreError(operation: "read the advisories of '\(source.name)'", path: store.path, reason: .corruptRecord("advisory"))
                }
                advisories.append(advisory)
            }
            sources.append((source.name, advisories))
        }
        index = AdvisoryIndex(sources: sources, cvss: stored.cvss)
        let exploitability = try store.exploitability()
        enricher = FindingEnricher(kev: exploitability.kev, epss: exploitability.epss)
        var snapshot: [String: Int] = [:]
        for source in try store.advisorySources() { snapshot[source.name] = source.records }
        self.snapshot = snapshot
    }

    public func evaluate(_ sbom: ImageSBOM) -> MatchResult {
        var result = Matcher.match(sbom, against: index)
        result.findings = enricher.enrich(result.findings)
        return result
    }
}
