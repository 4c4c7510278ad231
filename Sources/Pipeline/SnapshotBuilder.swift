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
        let fixed = try store.fixedSinceLastRun()
        let allHistory = try store.tagHistory()
        let history = allHistory.filter { !disabled.contains($0.repository) }
        // A digest no tag points at any more still belongs to the repository it was last seen in.
        var pastRepository: [String: String] = [:]
        for record in allHistory { pastRepository[record.digest] = record.repository }
        var images: [ImageReport] = []
        for image in try store.images() {
            let digest = image.sbom.metadata.manifestDigest
            // An image only reachable through disabled repositories keeps its history but leaves the Images tab.
            let tags = image.tags.filter { !disabled.contains($0.repository) }
            if !image.tags.isEmpty && tags.isEmpty { continue }
            if image.tags.isEmpty, let past = pastRepository[digest], disabled.contains(past) { continue }
            var sbom = image.sbom
            sbom.warnings += evaluationWarnings[digest] ?? []
            images.append(ImageReport(
                repository: tags.first?.repository ?? pastRepository[digest], tags: tags.map(\.tag), source: image.source, sbom: sbom,
                findings: findings[digest] ?? [], firstSeen: image.firstSeen,
                trend: trends[digest] ?? [], fixedSinceLastRun: fixed[digest] ?? []))
        }
        images.sort { ($0.repository ?? "~", $0.tags.first ?? "", $0.digest) < ($1.repository ?? "~", $1.tags.first ?? "", $1.digest) }
        return FleetSnapshot(
            title: title, generatedAt: generatedAt, images: images, repositories: repositories,
            advisorySources: try store.advisorySources(), runs: try store.runs(), tagHistory: history)
    }
}
