import ScoutModel
import Store
import Vulnerabilities

extension InImageVEXPolicy {
    /// One image's findings with the in-image VEX documents the last run applied marked as suppressed,
    /// as the site shows them: what `cves` and `quickview` report for a stored image.
    public static func applyRecorded(store: ScoutStore, to findings: [Finding], image: ImageIdentity, today: String) throws -> [Finding] {
        let policy = InImageVEXPolicy(paths: try store.inImageVEXPaths())
        let repositories = image.tags.map(\.repository)
        guard !policy.paths.isEmpty, repositories.contains(where: { policy.paths[$0] != nil }) else { return findings }
        let documents = policy.documents(try store.imageFiles(digest: image.digest), repositories: repositories).documents
        guard !documents.isEmpty else { return findings }
        return SuppressionRules(documents: [], ignore: [], today: today).apply(to: findings, image: image, imageDocuments: documents)
    }
}
