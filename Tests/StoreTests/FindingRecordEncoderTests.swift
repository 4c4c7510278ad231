import Foundation
import Reports
import ScoutModel
import Testing
@testable import Store

/// Findings are stored with a hand-written writer; it must write exactly what `JSONEncoder` (sorted
/// keys, as `ScoutStore.encoder`) writes, so stores keep one format and `JSONDecoder` reads them back.
@Suite struct FindingRecordEncoderTests {
    static let bare = Finding(
        vulnerabilityID: "CVE-2020-28928", package: Package(type: .apk, name: "musl", version: "1.1.24-r2", purl: "pkg:apk/alpine/musl@1.1.24-r2", cataloger: "apk-db-cataloger"),
        severity: .medium, affectedRange: "<1.1.24-r3", ecosystem: "Alpine:v3.11")

    static let full = Finding(
        vulnerabilityID: "CVE-2021-44228", aliases: ["GHSA-jfh8-c2jp-5v3q", "DSA-5022-1"],
        package: StoreTests.package, severity: .critical, cvssScore: 10.0,
        cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", severitySource: "NVD",
        affectedRange: ">=2.0.0, <2.15.0 || >=2.16.0, <2.17.0", fixedVersions: ["2.15.0", "2.17.0"],
        summary: "Log4Shell: \"JNDI\" lookups \\ remote code", details: "Line one\nline\ttwo\r\u{8}\u{c}\u{1}é — ✓ / end",
        references: ["https://logging.apache.org/log4j/2.x/security.html", "https://nvd.nist.gov/vuln/detail/CVE-2021-44228"],
        ecosystem: "Maven", firstSeen: "2026-01-01T00:00:00Z", published: "2021-12-10T10:15:09.143", isNew: true,
        kev: KEVEntry(cveID: "CVE-2021-44228", dateAdded: "2021-12-10", dueDate: "2021-12-24", knownRansomwareCampaignUse: "Known",
                      name: "Apache Log4j2 Remote Code Execution Vulnerability", requiredAction: "Apply updates per vendor instructions."),
        epss: EPSSScore(cveID: "CVE-2021-44228", score: 0.97565, percentile: 0.99996, date: "2026-01-01"),
        suppression: Suppression(kind: .vex, status: "not_affected", justification: "vulnerable_code_not_present",
                                 statement: "JndiLookup removed", source: "image:/vex/app.openvex.json", expires: "2026-06-30"))

    static var findings: [Finding] {
        var scored = bare
        scored.cvssScore = 7.5
        var tiny = full
        tiny.epss = EPSSScore(cveID: "CVE-1", score: 0.00043, percentile: 1, date: nil)
        tiny.kev = KEVEntry(cveID: "CVE-1")
        tiny.suppression = Suppression(kind: .ignore, status: "ignored", source: "scout-report.yml")
        tiny.cvssScore = 0.1
        var small = bare
        small.cvssScore = 1e-7
        return [bare, full, scored, tiny, small]
    }

    @Test func writesTheBytesJSONEncoderWrites() throws {
        for finding in Self.findings {
            let expected = try ScoutStore.json(finding)
            let written = try #require(FindingRecordEncoder.encode(finding))
            #expect(written == expected)
            #expect(try JSONDecoder().decode(Finding.self, from: Data(written.utf8)) == finding)
        }
    }

    @Test func leavesNonFiniteNumbersToJSONEncoder() {
        var finding = Self.bare
        finding.cvssScore = .infinity
        #expect(FindingRecordEncoder.encode(finding) == nil)
        #expect(throws: (any Error).self) { try ScoutStore.json(finding) }
    }

    @Test func storedFindingsReadBackEqual() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("findings-\(UUID().uuidString).sqlite").path
        let store = try ScoutStore(path: path)
        try store.saveImage(StoreTests.sbom, source: "s", at: "2026-01-01T00:00:00Z")
        // Read back most urgent first, the order runs record them in (intervals keep no other order).
        let findings = Self.findings.enumerated().map { index, finding in
            var finding = finding
            finding.vulnerabilityID += "-\(index)"
            return finding
        }.sortedByPriority()
        try store.recordRun(startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z", advisorySnapshot: [:],
                            findings: ["sha256:aaaa": findings], warnings: [:])
        let read = try #require(try store.latestFindings()["sha256:aaaa"])
        #expect(read.map(\.vulnerabilityID) == findings.map(\.vulnerabilityID))
        for (stored, original) in zip(read, findings) {
            var expected = original
            expected.firstSeen = "2026-01-01T00:00:00Z"
            expected.isNew = false
            #expect(stored == expected)
        }
    }
}
