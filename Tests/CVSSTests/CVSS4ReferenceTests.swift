import Foundation
import Testing
@testable import CVSS

/// v4.0 scores against the reference TSV and the generated tables against FIRST's data.
@Suite struct CVSS4ReferenceTests {
    @Test func everyV40VectorScoresAsTheReference() throws {
        var checked = 0, withThreatOrEnvironment = 0
        for row in try Fixtures.rows("cvss40.tsv") {
            let parsed = try CVSS.parse(row[0])
            #expect(parsed.version == .v40, "\(row[0])")
            #expect(parsed.baseScore == Double(row[1]), "\(row[0])")
            #expect(parsed.severity == row[2].uppercased(), "\(row[0])")
            checked += 1
            if row[0].split(separator: "/").count > 12 { withThreatOrEnvironment += 1 }
        }
        #expect(checked == 1000)
        // The last 300 lines carry threat, environmental or supplemental metrics.
        #expect(withThreatOrEnvironment >= 290)
    }

    @Test func threatAndEnvironmentalMetricsScoreButSupplementalDoNot() throws {
        let base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        #expect(try CVSS.parse(base).baseScore == 9.3)
        #expect(try CVSS.parse(base).severity == "CRITICAL")
        #expect(try CVSS.parse(base + "/E:U").baseScore == 8.1)
        #expect(try CVSS.parse(base + "/E:X").baseScore == 9.3)
        #expect(try CVSS.parse(base + "/S:P/AU:Y/R:I/V:C/RE:H/U:Red").baseScore == 9.3)
    }

    @Test func noImpactScoresZeroUnlessAModifiedMetricAddsOne() throws {
        let none = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"
        #expect(try CVSS.parse(none).baseScore == 0)
        #expect(try CVSS.parse(none).severity == "NONE")
        #expect(try CVSS.parse(none + "/MSI:S").baseScore == 8.9)
    }

    @Test func roundingDecidesOnTheExactValueAfterTheReferenceEpsilon() {
        // 8.6 - 7.15 is 1.4499999999999993 in binary; the reference rounds it to 1.5.
        #expect(Rounding.halfUpExact(8.6 - 7.15 + 1e-6) == 1.5)
        #expect(Rounding.halfUpExact(0.25) == 0.3)
        #expect(Rounding.halfUpExact(0.2499) == 0.2)
        #expect(Rounding.halfUpExact(9.96) == 10.0)
    }

    @Test func generatedTablesEqualFirstsData() throws {
        let lookup = try json("cvss4-macrovector-lookup.json")["lookup"] as? [String: Double]
        #expect(lookup?.count == 270)
        #expect(CVSS4Tables.macroVectorScores == lookup)

        let composed = try json("cvss4-max-composed.json")["maxComposed"] as? [String: Any]
        var flattened: [String: [String: [String]]] = [:]
        for (eq, levels) in composed ?? [:] {
            for (level, value) in levels as? [String: Any] ?? [:] {
                if let vectors = value as? [String] {
                    flattened[eq, default: [:]][level] = vectors
                } else {
                    for (eq6, vectors) in value as? [String: [String]] ?? [:] {
                        flattened[eq, default: [:]][level + eq6] = vectors
                    }
                }
            }
        }
        #expect(flattened.count == 5)
        #expect(CVSS4Tables.maxComposed == flattened)

        let severity = try json("cvss4-max-severity.json")["maxSeverity"] as? [String: Any]
        var depths: [String: [String: Int]] = [:]
        for (eq, levels) in severity ?? [:] {
            let name = eq == "eq3eq6" ? "eq3" : eq
            for (level, value) in levels as? [String: Any] ?? [:] {
                if let depth = value as? Int {
                    depths[name, default: [:]][level] = depth
                } else {
                    for (eq6, depth) in value as? [String: Int] ?? [:] {
                        depths[name, default: [:]][level + eq6] = depth
                    }
                }
            }
        }
        #expect(depths.count == 5)
        #expect(CVSS4Tables.maxSeverity == depths)
    }

    private func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Fixtures.data(name)) as? [String: Any] ?? [:]
    }
}
