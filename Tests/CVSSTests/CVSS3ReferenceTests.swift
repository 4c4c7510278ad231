import Testing
@testable import CVSS

/// v3.0 and v3.1 base scores against the reference TSVs (RedHat `cvss` 3.6 output).
@Suite struct CVSS3ReferenceTests {
    /// Checks column 2 (base score) and 3 (base severity) of every line; returns the lines checked.
    private func check(_ file: String, version: CVSSVersion) throws -> Int {
        var checked = 0
        for row in try Fixtures.rows(file) {
            let parsed = try CVSS.parse(row[0])
            #expect(parsed.version == version, "\(row[0])")
            #expect(parsed.baseScore == Double(row[1]), "\(row[0])")
            #expect(parsed.severity == row[2].uppercased(), "\(row[0])")
            checked += 1
        }
        return checked
    }

    @Test func everyV31VectorScoresAsTheReference() throws {
        #expect(try check("cvss31.tsv", version: .v31) == 3000)
    }

    @Test func everyV30VectorScoresAsTheReference() throws {
        #expect(try check("cvss30.tsv", version: .v30) == 3000)
    }

    /// The vectors with temporal/environmental metrics: those metrics must not move the base score.
    @Test func temporalAndEnvironmentalMetricsLeaveTheBaseScore() throws {
        var checked = 0
        for row in try Fixtures.rows("cvss3x-all-scores.tsv") {
            let parsed = try CVSS.parse(row[0])
            #expect(parsed.baseScore == Double(row[1]), "\(row[0])")
            #expect(parsed.severity == row[4].uppercased(), "\(row[0])")
            checked += 1
        }
        #expect(checked == 3411)
    }

    @Test func roundUpFollowsTheSpecification() {
        #expect(Rounding.roundUp(4.02) == 4.1)
        #expect(Rounding.roundUp(4.00) == 4.0)
        // Floating-point noise above an exact tenth must not add 0.1.
        #expect(Rounding.roundUp(0.1 + 0.2) == 0.3)
        #expect(Rounding.roundUp(4.000_01) == 4.1)
    }

    @Test func metricOrderAndNotDefinedValuesDoNotMatter() throws {
        let canonical = try CVSS.parse("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N")
        let shuffled = try CVSS.parse("CVSS:3.1/S:C/A:N/I:L/C:L/UI:N/PR:L/AC:L/AV:N/E:X/MAV:X")
        #expect(canonical.baseScore == 6.4)
        #expect(shuffled.baseScore == 6.4)
        #expect(canonical.severity == "MEDIUM")
    }

    @Test func scopeChangeRaisesPrivilegeWeights() throws {
        // PR:H weighs 0.27 with scope unchanged but 0.5 with scope changed.
        #expect(try CVSS.parse("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N").baseScore == 4.9)
        #expect(try CVSS.parse("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:N/A:N").baseScore == 6.8)
        #expect(try CVSS.parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").baseScore == 10.0)
        #expect(try CVSS.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").severity == "NONE")
    }
}
