import Foundation
import ScoutModel
import Testing
@testable import Reports

/// Issue 19.4: a version that could not be compared is a warning in every report, never a silent
/// verdict: the text layouts and Markdown print it, SARIF carries it as a notification of a run that
/// otherwise succeeded (and still matches JSONEncoder's bytes and the schema).
@Suite struct EvaluationWarningReportTests {
    static let message = "Could not compare 'busybox' 1.30.1-r2x with advisory 'ALPINE-1': '1.30.1-r2x' is not a valid apk version; whether it is affected is unknown until the version can be read"

    static func image() throws -> ImageReport {
        var image = try ReportFixtures.alpine("3.10")
        image.evaluationWarnings = [ScanWarning(subject: "busybox", message: message)]
        return image
    }

    @Test func everyReportSaysWhatCouldNotBeCompared() throws {
        let image = try Self.image()
        for text in [CVEsReport.packages(image), CVEsReport.onlyPackages(image, onlyVulnPackages: true), MarkdownReport.render(image),
                     QuickviewReport.render(image: image, base: nil)] {
            #expect(text.contains("Evaluation warnings (1)"), "\(text)")
            #expect(text.contains("Could not compare 'busybox' 1.30.1-r2x"), "\(text)")
        }
        let plain = try ReportFixtures.alpine("3.10")
        for text in [CVEsReport.packages(plain), MarkdownReport.render(plain), QuickviewReport.render(image: plain, base: nil)] {
            #expect(!text.contains("Evaluation warnings"))
        }

        let sarif = try SARIFReport.render(image, toolVersion: "0.1.0")
        #expect(sarif == (try JSONOutput.encode(SARIFReport.document(image, toolVersion: "0.1.0"), format: "SARIF", subject: "")))
        #expect(sarif.contains(#""executionSuccessful" : true"#))
        #expect(sarif.contains(#""level" : "warning""#) && sarif.contains("Could not compare 'busybox'"))
        #expect(!(try SARIFReport.render(plain, toolVersion: "0.1.0")).contains("invocations"))
        let schema = ReportFixtures.folder.appendingPathComponent("schemas/sarif-schema-2.1.0.json")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("undecided-\(UUID().uuidString).sarif.json")
        try Data(sarif.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try runPython(SchemaCheck.script, arguments: [schema.path, file.path])
        #expect(check.status == 0, "\(check.output)")
    }
}
