/// The CVSS v3.0 and v3.1 base equations (specification section 7.1).
enum CVSS3Score {
    /// The base score of validated v3 metrics.
    ///
    /// Both versions share the formula; v3.1 specifies the integer-based `Roundup`, v3.0 a plain
    /// ceiling to one decimal. Both are computed with `Rounding.roundUp`, whose five-decimal
    /// pre-rounding only removes floating-point noise: for all 2,592 base vectors of each version
    /// this agrees with RedHat's `cvss` 3.6 (exact decimal arithmetic) and the reference TSVs.
    static func base(_ metrics: [String: String]) -> Double {
        func weight(_ name: String, _ table: [String: Double]) -> Double {
            table[metrics[name] ?? ""] ?? 0
        }
        let scopeChanged = metrics["S"] == "C"
        let impactWeights = ["H": 0.56, "L": 0.22, "N": 0.0]
        let confidentiality = weight("C", impactWeights)
        let integrity = weight("I", impactWeights)
        let availability = weight("A", impactWeights)
        let iss = 1 - ((1 - confidentiality) * (1 - integrity) * (1 - availability))
        let impact = scopeChanged
            ? 7.52 * (iss - 0.029) - 3.25 * power(iss - 0.02, 15)
            : 6.42 * iss
        let privileges = scopeChanged
            ? weight("PR", ["N": 0.85, "L": 0.68, "H": 0.5])
            : weight("PR", ["N": 0.85, "L": 0.62, "H": 0.27])
        let exploitability = 8.22
            * weight("AV", ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2])
            * weight("AC", ["L": 0.77, "H": 0.44])
            * privileges
            * weight("UI", ["N": 0.85, "R": 0.62])
        guard impact > 0 else { return 0 }
        let raw = scopeChanged ? 1.08 * (impact + exploitability) : impact + exploitability
        return Rounding.roundUp(min(raw, 10))
    }

    /// `base` raised to a small positive integer power.
    private static func power(_ base: Double, _ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { result, _ in result * base }
    }
}
