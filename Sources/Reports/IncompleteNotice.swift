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

/// What the text reports print for what matching could not decide (a version that cannot be compared:
/// never a silent verdict): `  ! Evaluation warnings (2): …` then one line per warning.
enum EvaluationNotice {
    static func lines(_ image: ImageReport, indent: String = "  ") -> [String] {
        let warnings = image.evaluationWarnings
        guard !warnings.isEmpty else { return [] }
        return ["\(indent)! \(headline(warnings.count))"] + warnings.map { "\(indent)  - \($0.message)" }
    }

    /// Most are versions that could not be compared (whether those packages are affected is unknown);
    /// an in-image VEX document that could not be applied is one too.
    static func headline(_ count: Int) -> String {
        "Evaluation warnings (\(count)): what each names is neither reported vulnerable nor clean."
    }
}
