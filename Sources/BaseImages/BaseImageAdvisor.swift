import ScoutModel

/// Puts detection, the hierarchy and the refreshed and updated bases together for one image.
public struct BaseImageAdvisor: Sendable {
    public let catalog: BaseImageCatalog
    public let detector: BaseImageDetector

    public init(catalog: BaseImageCatalog) {
        self.catalog = catalog
        detector = BaseImageDetector(catalog: catalog)
    }

    /// Everything known about `image`'s base; nil when no base is found.
    public func summary(for image: ImageReport) -> BaseImageSummary? {
        guard let detection = detector.detect(image) else { return nil }
        var base = catalog.candidate(detection.reference)
        base.sharedLayers = detection.sharedLayers
        let baseCounts = base.counts
        var summary = BaseImageSummary(
            base: base, method: detection.method, autoDetected: detection.autoDetected,
            exactLayerMatch: detection.exactLayerMatch,
            alternatives: detection.alternatives.map { reference in
                var candidate = catalog.candidate(reference, relativeTo: baseCounts)
                if let digest = reference.digest {
                    candidate.sharedLayers = BaseImageCatalog.commonPrefix(
                        catalog.diffIDs[digest] ?? [], catalog.diffIDs[image.digest] ?? [])
                }
                return candidate
            },
            chain: detector.chain(of: image))
        guard let repository = detection.reference.repository, let tag = detection.reference.tag else { return summary }

        // Refreshed: the same repository and tag at another (newer) digest.
        if let current = catalog.currentDigest(repository: repository, tag: tag) {
            if let digest = detection.reference.digest {
                summary.upToDate = current.digest == digest
                if current.digest != digest {
                    summary.refreshed = catalog.candidate(
                        BaseImageReference(repository: current.repository, tag: tag, digest: current.digest), relativeTo: baseCounts)
                }
            }
        }

        // Updated: another tag of the repository, same flavour, newer version; fewest critical+high, then total.
        let baseTag = TagVersion(tag)
        let excluded: Set<String> = [detection.reference.digest, summary.refreshed?.reference.digest].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        let options = catalog.currentTags(repository: repository).filter { record in
            record.tag != tag && !excluded.contains(record.digest) && catalog.images[record.digest] != nil
                && TagVersion(record.tag).isNewer(than: baseTag)
        }.map { record in
            catalog.candidate(BaseImageReference(repository: record.repository, tag: record.tag, digest: record.digest), relativeTo: baseCounts)
        }
        summary.updated = options.min { a, b in
            let ca = a.counts ?? SeverityCounts(), cb = b.counts ?? SeverityCounts()
            if ca.critical + ca.high != cb.critical + cb.high { return ca.critical + ca.high < cb.critical + cb.high }
            if ca.total != cb.total { return ca.total < cb.total }
            let order = TagVersion.compare(TagVersion(a.reference.tag ?? ""), TagVersion(b.reference.tag ?? "")) ?? 0
            if order != 0 { return order > 0 }
            return (a.reference.tag ?? "") < (b.reference.tag ?? "")
        }
        return summary
    }
}
