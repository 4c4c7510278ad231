import Foundation
import Testing

/// Compares `actual` with `Tests/Fixtures/reports/<name>.<ext>`. A missing golden fails;
/// `RECORD_SNAPSHOTS=1` writes the golden instead (and still fails, so a recording run is never green).
func assertGolden(_ actual: String, named name: String, ext: String = "txt", sourceLocation: SourceLocation = #_sourceLocation) {
    let url = ReportFixtures.folder.appendingPathComponent("\(name).\(ext)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do {
            try Data(actual.utf8).write(to: url)
            Issue.record("Recorded golden \(url.lastPathComponent); run again without RECORD_SNAPSHOTS.", sourceLocation: sourceLocation)
        } catch {
            Issue.record("Failed to write golden '\(url.path)': \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = try? Data(contentsOf: url) else {
        Issue.record("Missing golden '\(url.path)'; run with RECORD_SNAPSHOTS=1 to record it.", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
        let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
        Issue.record("\(name).\(ext) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)", sourceLocation: sourceLocation)
    }
}
