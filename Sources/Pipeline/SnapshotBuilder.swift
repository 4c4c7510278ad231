import ScoutModel
import Store

/// Reads what the site shows from the store in one go.
public struct SnapshotBuilder: Sendable {
    public let store: ScoutStore

    public init(store: ScoutStore) {
        self.store = store
    }

    /// Every stored image with its latest findings, repositories, sources and runs.
    public func snapshot(title: String, generatedAt: String) throws -> FleetSnapshot {
        let findings = try store.latestFindings()
        let evaluationWarnings = try store.latestEvaluationWarnings()
        let repositories = try store.repositories()
        let disabled = Set(repositories.filter { !$0.enabled }.map(\.name))
        let trends = try store.imageTrends()
        var images: [ImageReport] = []
        for image in try store.images() {
            let digest = image.sbom.metadata.manifestDigest
            // An image only reachable through disabled repositories keeps its history but leaves the Images tab.
            let tags = image.tags.filter { !disabled.contains($0.repository) }
            if !image.tags.isEmpty && tags.isEmpty { continue }
            var sbom = image.sbom
            sbom.warnings += evaluationWarnings[digest] ?? []
            // Suppressed findings (VEX, ignore list) are shown apart and counted nowhere.
            let all = findings[digest] ?? []
            images.append(ImageReport(
                repository: tags.first?.repository, tags: tags.map(\.tag), source: image.source, sbom: sbom,
                findings: all.filter { $0.suppression == nil }, firstSeen: image.firstSeen,
                suppressed: all.filter { $0.suppression != nil },
                trend: trends.trends[digest] ?? [], fixedSinceLastRun: trends.fixed[digest] ?? []))
        }
        images.sort { ($0.repository ?? "~", $0.tags.first ?? "", $0.digest) < ($1.repository ?? "~", $1.tags.first ?? "", $1.digest) }
        return FleetSnapshot(
            title: title, generatedAt: generatedAt, images: images, repositories: repositories,
            advisorySources: try store.advisorySourceDetails(), runs: try store.runs())
    }
}
