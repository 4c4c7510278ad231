/// An image whose layers (or needed files) could not all be read has an incomplete SBOM: its reports
/// must say so rather than "no vulnerable package", and it is never kept as the image's analysis.
extension ImageSBOM {
    /// The warnings that make this SBOM incomplete: layers or files that could not be read.
    public var incompleteReasons: [ScanWarning] { warnings.filter(\.incomplete) }

    /// True when some layer or needed file of the image could not be read: its packages are not all known.
    public var isIncomplete: Bool { warnings.contains(where: \.incomplete) }

    /// One sentence for stderr, logs and repository warnings: `Image 'NAME' is incomplete: 2 problems
    /// reading it (Failed to read layer …); its packages and vulnerabilities are not all known. FIX`
    public func incompleteSummary(name: String, fix: String) -> String? {
        let reasons = incompleteReasons
        guard let first = reasons.first else { return nil }
        let count = reasons.count == 1 ? "1 problem" : "\(reasons.count) problems"
        return "Image '\(name)' is incomplete: \(count) reading it (\(first.message.trimmingSuffix(".")))"
            + "; its packages and vulnerabilities are not all known. \(fix)"
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
