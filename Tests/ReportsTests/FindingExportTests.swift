import Foundation
import Reports
import ScoutModel
import Testing

/// The auditors' export: RFC 4180 CSV with formula injection neutralised, and JSON with typed values.
@Suite struct FindingExportTests {
    static func image(findings: [Finding], suppressed: [Finding] = []) -> ImageReport {
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:" + String(repeating: "ab", count: 32)), os: nil, packages: [], warnings: [])
        var report = ImageReport(repository: "team/app", tags: ["1.0", "latest"], source: "archive://app.tar", sbom: sbom,
                                 findings: findings, suppressed: suppressed)
        report.owner = Owner(team: "payments", contact: "#pay")
        return report
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        var hostile = FindingPriorityTests.finding("CVE-2024-1000", .high, fixed: true, package: "=HYPERLINK(\"http://x\",\"y\")")
        hostile.firstSeen = "2026-01-01T00:00:00Z"
        let plus = FindingPriorityTests.finding("CVE-2024-1001", .low, package: "+cmd")
        let minus = FindingPriorityTests.finding("CVE-2024-1002", .low, package: "-2+3")
        let at = FindingPriorityTests.finding("CVE-2024-1003", .low, package: "@SUM(A1)")
        let tab = FindingPriorityTests.finding("CVE-2024-1004", .low, package: "\tx")
        let csv = FindingExport(images: [Self.image(findings: [hostile, plus, minus, at, tab])]).csv
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.last == "", "every record ends with CRLF")
        #expect(lines[1].contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), "prefixed, quoted, quotes doubled: \(lines[1])")
        #expect(lines[1].hasPrefix("team/app,\"1.0,latest\",sha256:abab"), "a cell with a comma is quoted")
        #expect(csv.contains(",'+cmd,") && csv.contains(",'-2+3,") && csv.contains(",'@SUM(A1),") && csv.contains(",'\tx,"))
        #expect(!csv.contains(",=") && !csv.contains(",+c") && !csv.contains(",@"))
        #expect(lines[1].hasSuffix(",high,35.0,,,false,2026-01-01T00:00:00Z,payments,"))
        #expect(FindingExport.csvField("line\nbreak") == "\"line\nbreak\"")
        #expect(FindingExport.csvField("1.0-r2") == "1.0-r2")
    }

    @Test func jsonHasTypedValuesAndSuppressions() throws {
        var suppressed = FindingPriorityTests.finding("CVE-2024-2000", .critical, kev: true, epss: 0.25)
        suppressed.suppression = Suppression(kind: .vex, status: "not_affected", justification: "component_not_present", source: "vex.json")
        let export = FindingExport(images: [Self.image(findings: [FindingPriorityTests.finding("CVE-2024-2001", .medium, cvss: 5.5)], suppressed: [suppressed])])
        #expect(export.rows.map(\.vulnerability) == ["CVE-2024-2001", "CVE-2024-2000"], "open findings, then suppressed ones")
        let json = export.json
        #expect(json.contains("\"cvss\" : 5.5") || json.contains("\"cvss\":5.5"))
        #expect(json.contains("\"kev\" : true") || json.contains("\"kev\":true"))
        #expect(json.contains("\"epss\" : 0.25") || json.contains("\"epss\":0.25"))
        #expect(json.contains("vex: not_affected (component_not_present)"))
        #expect(json.contains("\"fixed_version\" : null") || json.contains("\"fixed_version\":null"))
    }

    /// The site writes the exports in pieces (a fleet's are hundreds of megabytes): any piece size gives
    /// the same bytes, and the JSON is one valid document.
    @Test func piecesMakeTheSameDocument() throws {
        let findings = (0..<40).map { FindingPriorityTests.finding("CVE-2024-\(3000 + $0)", $0 % 2 == 0 ? .high : .low, kev: $0 % 7 == 0, cvss: 7.5) }
        let export = FindingExport(images: [Self.image(findings: findings)])
        for piece in [1, 100, 4096] {
            var csv: [UInt8] = [], json: [UInt8] = [], pieces = 0
            export.writeCSV(piece: piece) { csv += $0 }
            export.writeJSON(piece: piece) { json += $0; pieces += 1 }
            #expect(String(decoding: csv, as: UTF8.self) == export.csv)
            #expect(String(decoding: json, as: UTF8.self) == export.json)
            if piece < 4096 { #expect(pieces > 10, "written in pieces, not whole") }
        }
        let document = try JSONSerialization.jsonObject(with: Data(export.json.utf8)) as? [String: Any]
        #expect((document?["findings"] as? [Any])?.count == 40)
    }
}
