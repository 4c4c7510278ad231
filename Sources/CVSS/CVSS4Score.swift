/// The CVSS v4.0 score by the macro-vector interpolation of FIRST's reference calculator
/// (specification section 8.2), computed from validated v4.0 metrics.
///
/// The arithmetic follows the reference implementation step by step, in binary floating point
/// and in the same order, so that the final rounding to one decimal agrees with it.
struct CVSS4Score {
    private let metrics: [String: String]

    init(_ metrics: [String: String]) {
        self.metrics = metrics
    }

    /// The value that scores a metric: a defined modified metric (`MAV`…) overrides its base
    /// metric; an absent or `X` threat metric counts as `E:A`, requirements as `H`.
    func effective(_ metric: String) -> String {
        let selected = metrics[metric] ?? "X"
        switch metric {
        case "E" where selected == "X": return "A"
        case "CR", "IR", "AR": if selected == "X" { return "H" }
        default: break
        }
        if let modified = metrics["M" + metric], modified != "X" {
            return modified
        }
        return selected
    }

    /// The six equivalence-class levels EQ1…EQ6 of the vector.
    var macroVector: [Int] {
        let av = effective("AV"), pr = effective("PR"), ui = effective("UI")
        let eq1: Int
        if av == "N" && pr == "N" && ui == "N" {
            eq1 = 0
        } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = effective("AC") == "L" && effective("AT") == "N" ? 0 : 1
        let vc = effective("VC"), vi = effective("VI"), va = effective("VA")
        let eq3 = vc == "H" && vi == "H" ? 0 : (vc == "H" || vi == "H" || va == "H" ? 1 : 2)
        let eq4: Int
        if effective("SI") == "S" || effective("SA") == "S" {
            eq4 = 0
        } else if effective("SC") == "H" || effective("SI") == "H" || effective("SA") == "H" {
            eq4 = 1
        } else {
            eq4 = 2
        }
        let eq5 = ["A": 0, "P": 1, "U": 2][effective("E")] ?? 0
        let highRequirement = (effective("CR") == "H" && vc == "H")
            || (effective("IR") == "H" && vi == "H")
            || (effective("AR") == "H" && va == "H")
        let eq6 = highRequirement ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    /// The score rounded to one decimal, 0.0…10.0.
    var score: Double {
        let impact = ["VC", "VI", "VA", "SC", "SI", "SA"]
        if impact.allSatisfy({ effective($0) == "N" }) { return 0 }
        let eq = macroVector
        guard let value = Self.lookup(eq) else { return 0 }

        // Scores of the next lower macro vector along each EQ (NaN where there is none).
        func lower(_ changes: [Int: Int]) -> Double {
            var next = eq
            for (position, step) in changes { next[position] += step }
            return Self.lookup(next) ?? .nan
        }
        let lowerEQ1 = lower([0: 1])
        let lowerEQ2 = lower([1: 1])
        let lowerEQ3EQ6: Double
        switch (eq[2], eq[5]) {
        case (1, 1), (0, 1): lowerEQ3EQ6 = lower([2: 1])
        case (1, 0): lowerEQ3EQ6 = lower([5: 1])
        case (0, 0):
            let left = lower([5: 1]), right = lower([2: 1])
            lowerEQ3EQ6 = right > left ? right : left
        default: lowerEQ3EQ6 = lower([2: 1, 5: 1])
        }
        let lowerEQ4 = lower([3: 1])
        let lowerEQ5 = lower([4: 1])

        let distances = severityDistances(eq)
        func distance(_ metric: String) -> Double { distances[metric] ?? 0 }
        let step = 0.1
        let eq36Key = "\(eq[2])\(eq[5])"
        let depths: [Double] = [
            Double(Self.maxSeverity("eq1", "\(eq[0])")) * step,
            Double(Self.maxSeverity("eq2", "\(eq[1])")) * step,
            Double(Self.maxSeverity("eq3", eq36Key)) * step,
            Double(Self.maxSeverity("eq4", "\(eq[3])")) * step,
        ]
        let current: [Double] = [
            distance("AV") + distance("PR") + distance("UI"),
            distance("AC") + distance("AT"),
            distance("VC") + distance("VI") + distance("VA")
                + distance("CR") + distance("IR") + distance("AR"),
            distance("SC") + distance("SI") + distance("SA"),
        ]
        let available = [lowerEQ1, lowerEQ2, lowerEQ3EQ6, lowerEQ4].map { value - $0 }

        var existingLower = 0
        var normalized: [Double] = [0, 0, 0, 0, 0]
        for index in 0..<4 where available[index] >= 0 {
            existingLower += 1
            normalized[index] = available[index] * (current[index] / depths[index])
        }
        // EQ5 counts as an existing lower level, but its proportion is always 0.
        if value - lowerEQ5 >= 0 { existingLower += 1 }

        var result = value
        if existingLower > 0 {
            let sum = normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4]
            result -= sum / Double(existingLower)
        }
        // Like the reference, add 1e-6 before rounding so that 1.4499999999999993 (8.6 - 7.15)
        // rounds to 1.5, as its exact decimal counterpart would.
        return Rounding.halfUpExact(min(10, max(0, result)) + 1e-6)
    }

    /// Severity distances of the vector from the first highest-severity vector of its macro
    /// vector that it does not exceed in any metric (or from the last one if none qualifies).
    private func severityDistances(_ eq: [Int]) -> [String: Double] {
        var distances: [String: Double] = [:]
        for maximum in Self.maxVectors(eq) {
            distances = [:]
            var exceeds = false
            for (metric, levels) in Self.levels {
                let own = levels[effective(metric)] ?? 0
                let highest = levels[maximum[metric] ?? ""] ?? 0
                let distance = own - highest
                distances[metric] = distance
                if distance < 0 { exceeds = true }
            }
            if !exceeds { break }
        }
        return distances
    }

    /// Every combination of the highest-severity partial vectors of the vector's EQ levels.
    private static func maxVectors(_ eq: [Int]) -> [[String: String]] {
        let parts = [
            maxComposed("eq1", "\(eq[0])"), maxComposed("eq2", "\(eq[1])"),
            maxComposed("eq3", "\(eq[2])\(eq[5])"), maxComposed("eq4", "\(eq[3])"),
            maxComposed("eq5", "\(eq[4])"),
        ]
        var combined: [[String: String]] = [[:]]
        for options in parts {
            combined = combined.flatMap { prefix in
                options.map { prefix.merging($0) { _, new in new } }
            }
        }
        return combined
    }

    private static func maxComposed(_ eq: String, _ level: String) -> [[String: String]] {
        parsedMaxComposed[eq]?[level] ?? []
    }

    /// `CVSS4Tables.maxComposed` with each partial vector split into metrics, parsed once.
    private static let parsedMaxComposed: [String: [String: [[String: String]]]] =
        CVSS4Tables.maxComposed.mapValues { levels in
            levels.mapValues { partials in
                partials.map { partial in
                    var metrics: [String: String] = [:]
                    for field in partial.split(separator: "/") {
                        let pair = field.split(separator: ":", maxSplits: 1)
                        if pair.count == 2 { metrics[String(pair[0])] = String(pair[1]) }
                    }
                    return metrics
                }
            }
        }

    private static func maxSeverity(_ eq: String, _ level: String) -> Int {
        CVSS4Tables.maxSeverity[eq]?[level] ?? 1
    }

    private static func lookup(_ eq: [Int]) -> Double? {
        CVSS4Tables.macroVectorScores[eq.map(String.init).joined()]
    }

    /// Severity levels per metric in steps of 0.1 (0 is the most severe).
    private static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3],
        "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2],
        "AC": ["L": 0.0, "H": 0.1],
        "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
        "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "IR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]
}
