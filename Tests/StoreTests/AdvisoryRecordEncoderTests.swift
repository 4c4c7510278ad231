import Foundation
import ScoutModel
import Testing
@testable import Store

/// The stored advisory record: `JSONWriter` (compact) in the layout the synthesized `Codable` reads.
@Suite struct AdvisoryRecordEncoderTests {
    static let hostile = "q\" b\\ s/ \u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}\u{7F} é 中 😀 👩‍👩‍👧‍👦 e\u{301} \u{2028}"

    @Test func hostileStringsRoundTripThroughJSONDecoder() throws {
        let h = Self.hostile
        let advisory = Advisory(
            id: "OSV-\(h)", aliases: ["CVE-1", h], related: [h], summary: h, details: String(repeating: h, count: 50),
            published: h, modified: "2024-01-01T00:00:00Z", withdrawn: h,
            severity: [SeverityScore(type: "CVSS_V3", score: h), SeverityScore(type: h, score: "x")], databaseSeverity: h,
            affected: [
                AffectedPackage(ecosystem: "npm\(h)", name: h, purl: "pkg:npm/\(h)", ranges: [
                    AffectedRange(type: .semver, events: [.introduced("0"), .fixed(h), .lastAffected(h), .limit(h)]),
                    AffectedRange(type: .ecosystem, events: []),
                ], versions: [h, "1.0"], severity: h),
                AffectedPackage(ecosystem: "Debian:12", name: "zlib"),
            ],
            references: [h, "https://example.invalid/a?b=c&d"])
        let text = AdvisoryRecordEncoder.encode(advisory)
        #expect(try JSONDecoder().decode(Advisory.self, from: Data(text.utf8)) == advisory)
        #expect(text.contains(#"\u0000\u0001\b\t\n\u000b\f\r\u001f"#))
    }

    @Test func writesTheCompactLayoutInDeclarationOrder() {
        let advisory = Advisory(
            id: "A/1", aliases: ["CVE-1"], summary: "s\"", severity: [SeverityScore(type: "CVSS_V3", score: "9.8")],
            affected: [AffectedPackage(ecosystem: "npm", name: "x", ranges: [
                AffectedRange(type: .semver, events: [.introduced("0"), .fixed("1.2")])], versions: ["1.0"])])
        #expect(AdvisoryRecordEncoder.encode(advisory) == #"""
            {"id":"A/1","aliases":["CVE-1"],"related":[],"summary":"s\"","severity":[{"type":"CVSS_V3","score":"9.8"}],"affected":[{"ecosystem":"npm","name":"x","ranges":[{"type":"SEMVER","events":[{"introduced":{"_0":"0"}},{"fixed":{"_0":"1.2"}}]}],"versions":["1.0"]}],"references":[]}
            """#)
    }
}
