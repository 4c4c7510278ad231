import Foundation
import ScoutModel
import Testing
@testable import Store

@Suite struct FeedStoreTests {
    static func temporaryStore() throws -> (ScoutStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scout-feedstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try ScoutStore(path: folder.appendingPathComponent("s.sqlite").path), folder)
    }

    @Test func theFastEncoderWritesWhatCodableReads() throws {
        let advisory = Advisory(
            id: "GHSA-\"quoted\"\\", aliases: ["CVE-1", "CVE-2"], related: ["DSA-1"], summary: "tab\tnew\nline \u{1}ctl é 😀",
            details: nil, published: "2024-01-01T00:00:00Z", modified: "2024-01-02T00:00:00Z", withdrawn: nil,
            severity: [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")],
            databaseSeverity: "HIGH",
            affected: [
                AffectedPackage(ecosystem: "npm", name: "@scope/x", purl: "pkg:npm/%40scope/x", ranges: [
                    AffectedRange(type: .semver, events: [.introduced("0"), .fixed("1.2.3"), .lastAffected("2.0"), .limit("3")]),
                    AffectedRange(type: .git, events: []),
                ], versions: ["1.0.0"], severity: "MODERATE"),
                AffectedPackage(ecosystem: "Debian:12", name: "zlib"),
            ],
            references: ["https://example.invalid/a?b=c&d"])
        let text = AdvisoryRecordEncoder.encode(advisory)
        let decoded = try JSONDecoder().decode(Advisory.self, from: Data(text.utf8))
        #expect(decoded == advisory)
        #expect(try JSONDecoder().decode(Advisory.self, from: Data(AdvisoryRecordEncoder.encode(Advisory(id: "X")).utf8)) == Advisory(id: "X"))
    }

    @Test func replaceSourceKeepsTheNewerDuplicateAndRollsBack() throws {
        let (store, folder) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let older = Advisory(id: "A", summary: "old", modified: "2024-01-01T00:00:00Z")
        let newer = Advisory(id: "A", summary: "new", modified: "2024-06-01T00:00:00Z")
        let outcome = try store.replaceSource(source: "s", format: "osv", location: "x", at: "2026-01-01T00:00:00Z") { writer in
            try writer.insert(advisories: [newer])
            try writer.insert(advisories: [older])   // a later batch with an older copy: the newer stays
            try writer.insert(kev: [KEVEntry(cveID: "CVE-1", dateAdded: "2000-01-01")])
            try writer.insert(epss: [EPSSScore(cveID: "CVE-1", score: 0.5, percentile: 0.9)])
            return .commit(warnings: [])
        }
        guard case .commit = outcome else { Issue.record("not committed"); return }
        #expect(try store.advisories().sources.first?.advisories.first?.summary == "new")
        #expect(try store.advisorySourceDetails().first?.records == 3)
        // A producer that gives up leaves everything as it was.
        let kept = try store.replaceSource(source: "s", format: "osv", location: "x", at: "2026-01-02T00:00:00Z") { writer in
            try writer.insert(advisories: [Advisory(id: "B")])
            return .keepPrevious(warning: ScanWarning(subject: "x", message: "broken"))
        }
        guard case .keepPrevious = kept else { Issue.record("not kept"); return }
        #expect(try store.advisories().sources.first?.advisories.map(\.id) == ["A"])
        let status = try #require(try store.advisorySourceDetails().first)
        #expect(status.importedAt == "2026-01-01T00:00:00Z")
        #expect(status.warnings.map(\.message) == ["broken"])
        #expect(try store.exploitability().epss["CVE-1"]?.percentile == 0.9)
    }
}
