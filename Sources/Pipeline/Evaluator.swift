import ScoutModel
import Store
import Vulnerabilities

/// Matches stored SBOMs against the advisories currently in the store.
public struct Evaluator: Sendable {
    public let index: AdvisoryIndex
    /// Records per source at the time the index was built.
    public let snapshot: [String: Int]

    /// Builds the index from everything the store holds.
    public init(store: ScoutStore) throws {
        let advisories = try store.advisories()
        index = AdvisoryIndex(sources: advisories.sources, cvss: advisories.cvss)
        var snapshot: [String: Int] = [:]
        for source in try store.advisorySources() { snapshot[source.name] = source.records }
        self.snapshot = snapshot
    }

    public func evaluate(_ sbom: ImageSBOM) -> MatchResult {
        Matcher.match(sbom, against: index)
    }
}
