import Foundation
import ScoutModel
import Store
import Templates
import Testing
import Vulnerabilities
@testable import Pipeline

/// Publishing that skips rendering unchanged pages (issue 15.4, issue 13): over the nights of
/// `IncrementalReevaluationTests` (an image added, advisories added, changed and withdrawn, a tag moved,
/// an ignore entry, KEV and EPSS), then a VEX document, a night where only the clock moves and a
/// template edit, the site published with reuse from the previous night's is byte for byte, file by
/// file, the site a fresh render of the same store gives in an empty folder.
@Suite struct PageReuseNightsTests {
    /// Every regular file below `root` (manifests included) → its bytes.
    static func files(_ root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return result }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relative] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + relative))
        }
        return result
    }

    static func withoutCreationTime(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: #""created" *: *"[^"]*""#, with: "", options: .regularExpression)
    }

    static func folder(_ parent: URL, _ name: String) throws -> URL {
        let url = parent.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyNightTheReusingSiteIsAFreshRender() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        let renderer = try SiteRenderer()
        // The same templates with one partial edited (every image page shows package rows).
        let edited = try Self.folder(folder, "templates")
        let row = try String(contentsOfFile: FeedPaths.repository("Resources/templates/partials/package-row.mustache"), encoding: .utf8)
        _ = try Self.folder(edited, "partials")
        try (row + "<!-- edited -->\n").write(to: edited.appendingPathComponent("partials/package-row.mustache"), atomically: true, encoding: .utf8)
        let editedRenderer = try SiteRenderer(templatesDirectory: edited)
        // A VEX document: busybox is not affected by CVE-2021-28831 in any image; the next night it gives
        // another justification (the same finding stays suppressed, its reason changes).
        let vex = folder.appendingPathComponent("busybox.openvex.json")
        func writeVEX(justification: String) throws {
            try """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.invalid/vex/test", "author": "test",
                 "timestamp": "2026-04-06T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2021-28831"}, "products": [{"@id": "pkg:apk/alpine/busybox"}],
                                 "status": "not_affected", "justification": "\(justification)"}]}
                """.write(to: vex, atomically: true, encoding: .utf8)
        }

        var published: URL?
        var reusedPerNight: [Int] = [], pageFiles: [Int] = []
        let nights = IncrementalReevaluationTests.night.count + 5
        for index in 0..<nights {
            let time = "2026-04-\(String(format: "%02d", index + 1))T02:00:00Z"
            let outcome: Reevaluation.Outcome
            if index < IncrementalReevaluationTests.night.count {
                outcome = try IncrementalReevaluationTests.live(night: index, store: store, full: false)
            } else {
                // Night 6: the VEX document; night 7: its other justification; nights 8 to 10: the same
                // inputs, a later clock.
                let extra = index - IncrementalReevaluationTests.night.count
                if extra <= 1 {
                    try writeVEX(justification: extra == 0 ? "vulnerable_code_not_in_execute_path" : "inline_mitigations_already_exist")
                }
                var reevaluation = Reevaluation(store: store, clock: Clock(pinned: time))
                reevaluation.ignore = [IgnoreEntry(id: "SYN-0003", image: "library/alpine:3", reason: "test", source: "scout-report.yml")]
                reevaluation.vexPaths = [vex.path]
                outcome = try reevaluation.run(startedAt: time)
            }
            let snapshot = try SnapshotBuilder(store: store).snapshot(title: "Nights", generatedAt: time, evaluation: outcome)
            if index == IncrementalReevaluationTests.night.count {
                #expect(snapshot.images.contains { $0.suppressed.contains { $0.vulnerabilityID == "CVE-2021-28831" } }, "the VEX document took effect")
            }
            // Night 10 edits a template.
            let tonight = index == nights - 1 ? editedRenderer : renderer
            let site = try Self.folder(folder, "site-\(index)")
            let fresh = try Self.folder(folder, "fresh-\(index)")
            let counts = try tonight.render(snapshot, into: site, linkingUnchangedFrom: published)
            _ = try tonight.render(snapshot, into: fresh, linkingUnchangedFrom: nil)
            let reused = try Self.files(site), rendered = try Self.files(fresh)
            #expect(reused.keys.sorted() == rendered.keys.sorted(), "night \(index + 1)")
            for (path, bytes) in rendered where reused[path] != bytes {
                // SPDX's creation time stays the time the document was first written (`DownloadReuse`).
                if path.hasSuffix(".spdx.json"), let a = reused[path], Self.withoutCreationTime(a) == Self.withoutCreationTime(bytes) { continue }
                Issue.record("night \(index + 1): \(path) differs from a fresh render")
            }
            reusedPerNight.append(counts.pagesReused)
            // One manifest line per page; an image's has two files (HTML and Markdown).
            let manifest = try String(contentsOf: site.appendingPathComponent(".scout-report-pages"), encoding: .utf8).split(separator: "\n")
            pageFiles.append(manifest.count + manifest.filter { $0.hasPrefix("images/") }.count)
            published = site
        }
        // Nothing is reused the first night; the second night where only the clock moved (the "new" marks
        // of the VEX night expired the first) reuses every page; the template edit renders every page again.
        #expect(reusedPerNight[0] == 0, "\(reusedPerNight)")
        #expect(reusedPerNight[nights - 2] == pageFiles[nights - 2] && pageFiles[nights - 2] > 10, "\(reusedPerNight) of \(pageFiles)")
        #expect(reusedPerNight[nights - 1] == 0, "\(reusedPerNight)")
        #expect(reusedPerNight[1..<(nights - 2)].contains { $0 > 0 }, "\(reusedPerNight)")
    }
}
