/// The CVSS v2 base equation (CVSS v2 guide, section 3.2.1).
enum CVSS2Score {
    /// The base score of validated v2 metrics.
    static func base(_ metrics: [String: String]) -> Double {
        func weight(_ name: String, _ table: [String: Double]) -> Double {
            table[metrics[name] ?? ""] ?? 0
        }
        let impactWeights = ["N": 0.0, "P": 0.275, "C": 0.660]
        let confidentiality = weight("C", impactWeights)
        let integrity = weight("I", impactWeights)
        let availability = weight("A", impactWeights)
        let impact = 10.41 * (1 - (1 - confidentiality) * (1 - integrity) * (1 - availability))
        let exploitability = 20
            * weight("AV", ["L": 0.395, "A": 0.646, "N": 1.0])
            * weight("AC", ["H": 0.35, "M": 0.61, "L": 0.71])
            * weight("Au", ["M": 0.45, "S": 0.56, "N": 0.704])
        let fImpact = impact == 0 ? 0 : 1.176
        let base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * fImpact
        return max(0, Rounding.halfUp(base))
    }
}
