import BaseImages
import ScoutModel
import Store

/// Base images and policies over the whole store: what `quickview`, `recommendations` and the
/// snapshot read.
public struct BaseImageContext: Sendable {
    public let catalog: BaseImageCatalog
    public let settings: PolicySettings

    /// `images` are every stored image with findings; `history` the store's tag history.
    public init(images: [ImageReport], history: [TagRecord], settings: PolicySettings = PolicySettings()) {
        catalog = BaseImageCatalog(images: images, history: history)
        self.settings = settings
    }

    /// Every stored image evaluated now by `evaluator` (for commands that run without a nightly run).
    public init(store: ScoutStore, evaluator: Evaluator, settings: PolicySettings = PolicySettings()) throws {
        let images = try store.images().map { stored in
            ImageReport(repository: stored.tags.first?.repository, tags: stored.tags.map(\.tag), source: stored.source,
                        sbom: stored.sbom, findings: evaluator.evaluate(stored.sbom).findings, firstSeen: stored.firstSeen)
        }
        self.init(images: images, history: try store.tagHistory(), settings: settings)
    }

    /// `image` with its base summary, base name and policy results filled in.
    public func annotate(_ image: ImageReport, now: String) -> ImageReport {
        BaseImageAnnotator.annotate([image], catalog: catalog, settings: settings, now: now)[0]
    }

    /// The stored image behind a candidate, named by the candidate's repository and tag (the name
    /// quickview prints); nil when the candidate is not stored.
    public func report(for candidate: BaseImageCandidate?) -> ImageReport? {
        guard let candidate, let digest = candidate.reference.digest, var image = catalog.images[digest] else { return nil }
        if let repository = candidate.reference.repository, let tag = candidate.reference.tag {
            image.repository = repository
            image.tags = [tag]
        }
        return image
    }
}
