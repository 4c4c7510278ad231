/// The metrics one CVSS version defines: names, allowed values, and which are mandatory.
struct MetricTable: Sendable {
    /// Mandatory (base) metrics in specification order.
    let mandatory: [String]
    /// Every metric of the version with its allowed values.
    let values: [String: Set<String>]

    init(base: KeyValuePairs<String, [String]>, optional: KeyValuePairs<String, [String]>) {
        mandatory = base.map(\.key)
        var values: [String: Set<String>] = [:]
        for (name, allowed) in base { values[name] = Set(allowed) }
        for (name, allowed) in optional { values[name] = Set(allowed) }
        self.values = values
    }

    /// Splits `body` (the part after any version prefix) into validated metrics.
    ///
    /// `original` is only used to name the vector in errors.
    func parse(_ body: Substring, original: String) throws(CVSSError) -> [String: String] {
        var metrics: [String: String] = [:]
        if !body.isEmpty {
            for field in body.split(separator: "/", omittingEmptySubsequences: false) {
                guard !field.isEmpty else {
                    throw CVSSError(.malformed, vector: original, subject: "empty field")
                }
                guard let colon = field.firstIndex(of: ":") else {
                    throw CVSSError(.malformed, vector: original, subject: "field '\(field)' has no ':'")
                }
                let name = String(field[..<colon])
                let value = String(field[field.index(after: colon)...])
                guard let allowed = values[name] else {
                    throw CVSSError(.unknownMetric, vector: original, subject: name)
                }
                guard metrics[name] == nil else {
                    throw CVSSError(.duplicateMetric, vector: original, subject: name)
                }
                guard allowed.contains(value) else {
                    throw CVSSError(.invalidValue, vector: original, subject: field)
                }
                metrics[name] = value
            }
        }
        if let missing = mandatory.first(where: { metrics[$0] == nil }) {
            throw CVSSError(.missingMetric, vector: original, subject: missing)
        }
        return metrics
    }
}

extension MetricTable {
    static let v2 = MetricTable(
        base: [
            "AV": ["L", "A", "N"], "AC": ["H", "M", "L"], "Au": ["M", "S", "N"],
            "C": ["N", "P", "C"], "I": ["N", "P", "C"], "A": ["N", "P", "C"],
        ],
        optional: [
            "E": ["U", "POC", "F", "H", "ND"], "RL": ["OF", "TF", "W", "U", "ND"],
            "RC": ["UC", "UR", "C", "ND"],
            "CDP": ["N", "L", "LM", "MH", "H", "ND"], "TD": ["N", "L", "M", "H", "ND"],
            "CR": ["L", "M", "H", "ND"], "IR": ["L", "M", "H", "ND"], "AR": ["L", "M", "H", "ND"],
        ])

    /// v3.0 and v3.1 share their metrics; only the formulas' rounding and details differ.
    static let v3 = MetricTable(
        base: [
            "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "PR": ["N", "L", "H"], "UI": ["N", "R"],
            "S": ["U", "C"], "C": ["H", "L", "N"], "I": ["H", "L", "N"], "A": ["H", "L", "N"],
        ],
        optional: [
            "E": ["X", "U", "P", "F", "H"], "RL": ["X", "O", "T", "W", "U"], "RC": ["X", "U", "R", "C"],
            "CR": ["X", "L", "M", "H"], "IR": ["X", "L", "M", "H"], "AR": ["X", "L", "M", "H"],
            "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MPR": ["X", "N", "L", "H"],
            "MUI": ["X", "N", "R"], "MS": ["X", "U", "C"],
            "MC": ["X", "N", "L", "H"], "MI": ["X", "N", "L", "H"], "MA": ["X", "N", "L", "H"],
        ])

    static let v4 = MetricTable(
        base: [
            "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"],
            "UI": ["N", "P", "A"], "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
            "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
        ],
        optional: [
            // Threat.
            "E": ["X", "A", "P", "U"],
            // Environmental.
            "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
            "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"],
            "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "P", "A"],
            "MVC": ["X", "H", "L", "N"], "MVI": ["X", "H", "L", "N"], "MVA": ["X", "H", "L", "N"],
            "MSC": ["X", "H", "L", "N"], "MSI": ["X", "S", "H", "L", "N"], "MSA": ["X", "S", "H", "L", "N"],
            // Supplemental: never part of the score.
            "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"],
            "V": ["X", "D", "C"], "RE": ["X", "L", "M", "H"],
            "U": ["X", "Clear", "Green", "Amber", "Red"],
        ])
}
