import Testing
import CVSS

/// v2 base scores: well-known NVD v2 vectors (each score also cross-checked with RedHat's
/// `cvss` library) and the v2 spellings found in advisories.
@Suite struct CVSS2Tests {
    static let known: [(vector: String, score: Double, severity: String)] = [
        ("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, "HIGH"),   // e.g. CVE-2014-6271 (Shellshock)
        ("AV:N/AC:M/Au:N/C:P/I:N/A:N", 4.3, "MEDIUM"),
        ("AV:L/AC:L/Au:N/C:P/I:P/A:P", 4.6, "MEDIUM"),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "HIGH"),
        ("AV:N/AC:L/Au:S/C:N/I:P/A:N", 4.0, "MEDIUM"),
        ("AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0, "MEDIUM"),  // e.g. CVE-2014-0160 (Heartbleed)
        ("AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, "HIGH"),
        ("AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2, "HIGH"),
        ("AV:L/AC:M/Au:N/C:C/I:C/A:C", 6.9, "MEDIUM"),
        ("AV:N/AC:H/Au:N/C:P/I:P/A:P", 5.1, "MEDIUM"),
        ("AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8, "MEDIUM"),
        ("AV:L/AC:L/Au:N/C:N/I:N/A:C", 4.9, "MEDIUM"),
        ("AV:L/AC:L/Au:N/C:P/I:N/A:N", 2.1, "LOW"),
        ("AV:N/AC:L/Au:S/C:P/I:P/A:P", 6.5, "MEDIUM"),
        ("AV:N/AC:M/Au:S/C:P/I:N/A:N", 3.5, "LOW"),
        ("AV:A/AC:L/Au:N/C:N/I:N/A:C", 6.1, "MEDIUM"),
        ("AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, "HIGH"),
        ("AV:L/AC:H/Au:M/C:P/I:N/A:N", 0.8, "LOW"),
        ("AV:L/AC:H/Au:M/C:N/I:N/A:N", 0.0, "LOW"),
    ]

    @Test(arguments: known.indices)
    func knownVectorScores(index: Int) throws {
        let expected = Self.known[index]
        let parsed = try CVSS.parse(expected.vector)
        #expect(parsed.version == .v2)
        #expect(parsed.baseScore == expected.score)
        #expect(parsed.severity == expected.severity)
    }

    /// Each version's own bands (issue 19): v2 has no None and no Critical; v3.x and v4.0 call 0.0 None.
    @Test func bandsAreEachVersionsOwn() {
        #expect(CVSSVector.severity(score: 9.0, version: .v2) == "HIGH")
        #expect(CVSSVector.severity(score: 10.0, version: .v2) == "HIGH")
        #expect(CVSSVector.severity(score: 0.0, version: .v2) == "LOW")
        #expect(CVSSVector.severity(score: 9.0, version: .v31) == "CRITICAL")
        #expect(CVSSVector.severity(score: 0.0, version: .v30) == "NONE")
        #expect(CVSSVector.severity(score: 0.0, version: .v40) == "NONE")
        #expect(CVSSVector.severity(score: 0.1, version: .v40) == "LOW")
    }

    @Test func parenthesesWhitespaceAndPrefixAreAccepted() throws {
        for spelling in ["(AV:N/AC:L/Au:N/C:P/I:P/A:P)", "  AV:N/AC:L/Au:N/C:P/I:P/A:P\n",
                         "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P"] {
            let parsed = try CVSS.parse(spelling)
            #expect(parsed.baseScore == 7.5)
            #expect(parsed.vector == "AV:N/AC:L/Au:N/C:P/I:P/A:P")
        }
    }

    @Test func temporalAndEnvironmentalMetricsLeaveTheBaseScore() throws {
        let full = "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:H/CR:ND/IR:H/AR:L"
        #expect(try CVSS.parse(full).baseScore == 7.5)
        // v2 spells "not defined" ND, not X.
        #expect(throws: CVSSError.self) { try CVSS.parse("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X") }
    }
}
