import Foundation
import ScoutModel
import Testing
@testable import Reports

/// Issue 18.1: every format says an incomplete image is incomplete, in a document its schema accepts
/// and that the hand-written JSON writer produces byte for byte as JSONEncoder would.
@Suite struct IncompleteReportTests {
    static func incomplete() throws -> ImageReport {
        var image = try ReportFixtures.alpine("3.10")
        image.firstSeen = "2026-01-01T00:00:00Z"
        image.sbom.warnings = [
            ScanWarning(subject: "sha256:beee", message: "Failed to read layer 'sha256:beee…' of 'a \"b\"/c.tar': unexpected end of archive; its files were ignored.", incomplete: true),
            ScanWarning(subject: "usr/lib/x/package.json", message: "Failed to parse the manifest."),
        ]
        return image
    }

    @Test func documentsSayItAndValidate() throws {
        let image = try Self.incomplete()
        let sarif = try SARIFReport.render(image, toolVersion: "0.1.0")
        #expect(sarif == (try JSONOutput.encode(SARIFReport.document(image, toolVersion: "0.1.0"), format: "SARIF", subject: "")))
        #expect(sarif.contains(#""executionSuccessful" : false"#))
        #expect(!sarif.contains("Failed to parse the manifest"), "only the reasons that make it incomplete")
        let schema = ReportFixtures.folder.appendingPathComponent("schemas/sarif-schema-2.1.0.json")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("incomplete-\(UUID().uuidString).sarif.json")
        try Data(sarif.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let sarifCheck = try runPython(SchemaCheck.script, arguments: [schema.path, file.path])
        #expect(sarifCheck.status == 0, "\(sarifCheck.output)")

        let cyclonedx = try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: true)
        #expect(cyclonedx == (try JSONOutput.encode(CycloneDXReport.document(image, toolVersion: "0.1.0", withVulnerabilities: true), format: "CycloneDX", subject: "")))
        #expect(cyclonedx.contains(#""aggregate" : "incomplete""#))
        let cdxCheck = try SchemaValidation.validate(cyclonedx, schema: "cyclonedx-1.6/bom-1.6.schema.json")
        #expect(cdxCheck.status == 0, "\(cdxCheck.output)")

        let spdx = try SPDXReport.render(image, toolVersion: "0.1.0", created: "2026-01-02T00:00:00Z")
        #expect(spdx == (try JSONOutput.encode(SPDXReport.document(image, toolVersion: "0.1.0", created: "2026-01-02T00:00:00Z"), format: "SPDX", subject: "")))
        #expect(spdx.contains("Incomplete analysis: Failed to read layer"))
        let spdxCheck = try SchemaValidation.validate(spdx, schema: "spdx-2.3/spdx-schema.json")
        #expect(spdxCheck.status == 0, "\(spdxCheck.output)")

        let gitlab = try GitLabReport.render(image, toolVersion: "0.1.0", scanTime: "2026-01-02T00:00:00Z")
        #expect(gitlab.contains(#""status" : "failure""#))
    }

    @Test func textFormatsSayItAndACompleteImageIsUnchanged() throws {
        let image = try Self.incomplete()
        var empty = image
        empty.findings = []
        #expect(CVEsReport.summaryLine(empty).hasPrefix("✗ Incomplete analysis: 1 layer or file"))
        #expect(CVEsReport.packages(empty).contains("No vulnerable package detected in the layers that could be read"))
        for text in [CVEsReport.packages(image), CVEsReport.onlyPackages(image, onlyVulnPackages: true), MarkdownReport.render(image),
                     QuickviewReport.render(image: image, base: nil)] {
            #expect(text.contains("Incomplete analysis"), "\(text)")
            #expect(text.contains("unexpected end of archive"))
        }
        let complete = try ReportFixtures.alpine("3.10")
        for text in [CVEsReport.packages(complete), MarkdownReport.render(complete), QuickviewReport.render(image: complete, base: nil)] {
            #expect(!text.contains("Incomplete"))
        }
    }
}
