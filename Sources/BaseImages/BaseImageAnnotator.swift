import ScoutModel

/// Fills the base-image and policy fields of a fleet's image reports.
public enum BaseImageAnnotator {
    /// `images` with `base`, `baseImage` and `policies` set from `catalog` (which should hold every
    /// stored image, base-only repositories included) and `settings`, evaluated at `now`.
    public static func annotate(_ images: [ImageReport], catalog: BaseImageCatalog, settings: PolicySettings, now: String) -> [ImageReport] {
        let advisor = BaseImageAdvisor(catalog: catalog)
        let evaluator = PolicyEvaluator(settings: settings, now: now)
        return images.map { image in
            var image = image
            let summary = advisor.summary(for: image)
            image.base = summary
            if let summary { image.baseImage = summary.base.reference.displayName }
            image.policies = evaluator.evaluate(image, base: summary)
            return image
        }
    }
}
