import ScoutModel

/// What the text reports print for an image whose layers could not all be read, so that an empty or
/// short list never reads as a clean image.
enum IncompleteNotice {
    /// `  ! Incomplete analysis: 1 layer or file of the image could not be read; …` then one
    /// `    - MESSAGE` line per reason; nothing for a complete image.
    static func lines(_ image: ImageReport, indent: String = "  ") -> [String] {
        let reasons = image.sbom.incompleteReasons
        guard !reasons.isEmpty else { return [] }
        return ["\(indent)! \(headline(reasons.count))"] + reasons.map { "\(indent)  - \($0.message)" }
    }

    /// `Incomplete analysis: 2 layers or files of the image could not be read; its packages and vulnerabilities are not all known.`
    static func headline(_ count: Int) -> String {
        let what = count == 1 ? "1 layer or file of the image could not be read" : "\(count) layers or files of the image could not be read"
        return "Incomplete analysis: \(what); its packages and vulnerabilities are not all known."
    }
}
