import ScoutModel

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
