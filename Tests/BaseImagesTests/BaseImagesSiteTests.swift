import Foundation
import Testing
@testable import Pipeline
import ScoutModel

/// Issue 16 on a real fleet with base-only repositories, a re-pushed base and an annotated image:
/// bases are places with pages, the Base images tab lists the rebuilds, and no count includes them.
@Suite struct BaseImagesSiteTests {
    @Test func basesGetPagesAndTheRebuildListWithoutJoiningTheCounts() throws {
        let fleet = try Fleet()
        defer { fleet.directory.cleanup() }
        _ = try fleet.runTwice()
        let site = fleet.directory.url.appendingPathComponent("site")
        func read(_ path: String) throws -> String { try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8) }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path) }

        let index = try read("index.html")
        let names = captures(#"<th scope="row"><a href="repositories/[^"]+">([^<]+)</a></th>"#, in: index)
        #expect(Set(names) == ["annotated", "app", "approot"], "base-only repositories stay off the Images tab")
        #expect(index.contains("3 images (every tag and digest)"))

        // The base's name links to the base's own page, which exists although its repository is base-only.
        let bases = try read("bases.html")
        let rows = captures(#"<tr id="base-[^"]+"><th scope="row"><a href="(images/base/[0-9a-f]+\.html)">([^<]+)</a></th>"#, in: bases)
        #expect(rows.count == 2, "base:1.0 (under app and approot) and base:1.1 (annotated): \(bases)")
        for page in rows {
            #expect(exists(page), "\(page)")
            #expect(try read(page).contains("A base image: its repository is <code>baseOnly</code>"), "\(page) says why it is off the Images tab")
        }
        let rebuild = try #require(captures(#"<strong>(Rebuild these \d+ images on the refreshed [^<]+)</strong>"#, in: bases).first)
        #expect(rebuild.hasPrefix("Rebuild these 2 images on the refreshed "), "\(rebuild)")
        #expect(bases.contains(">app:latest</a>") && bases.contains(">approot:latest</a>"))
        let appRow = try #require(index.components(separatedBy: "<tr ").first { $0.contains(">app</a></th>") })
        let baseLink = try #require(captures(#"<td class="opt"><a href="(images/base/[0-9a-f]+\.html)">"#, in: appRow).first)
        #expect(exists(baseLink) && appRow.contains(#"<span class="flag" title="A refreshed base image exists: same tag, newer digest">refresh</span>"#))
        #expect(exists("repositories/base.html"), "the base-only repository has its page too")

        // Counts: index.json, the runs page and the vulnerabilities tab count the listed images only.
        let json = try JSONSerialization.jsonObject(with: Data(try read("index.json").utf8)) as! [String: Any]
        #expect((json["images"] as! [[String: Any]]).count == 3)
        #expect((json["repositories"] as! [[String: Any]]).compactMap { $0["name"] as? String }.sorted() == ["annotated", "app", "approot"])
        let runs = try read("runs.html")
        let latest = try #require(captures(#"(?s)<tr><th scope="row" class="num">2</th>(.*?)</tr>"#, in: runs).first)
        #expect(latest.contains(#"<td class="num" data-key="3">3 <span class="muted small""#), "\(latest)")
        #expect(latest.contains("not listed</span>"), "the base-only images the run evaluated are named, not counted")
    }

    func captures(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: text).map { String(text[$0]) }
        }
    }
}
