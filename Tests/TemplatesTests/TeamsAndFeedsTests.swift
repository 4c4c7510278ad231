import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ScoutModel
import Testing
@testable import Templates

/// The Teams tab and pages, the Atom feeds and the exports of the fixture fleet.
@Suite struct TeamsAndFeedsTests {
    static func render(_ snapshot: FleetSnapshot) throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try SiteRenderer().render(snapshot, into: site.url)
        return site
    }

    static func entries(_ feed: String) -> [String] {
        feed.components(separatedBy: "<entry>").dropFirst().map { "<entry>" + ($0.components(separatedBy: "</entry>").first ?? "") + "</entry>" }
    }

    @Test func feedEntriesStayTheSameWhenLaterRunsArrive() throws {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let first = try Self.render(snapshot)
        defer { first.cleanUp() }
        let before = try first.read("feeds/new-findings.atom")
        #expect(Self.entries(before).count == 1)
        #expect(before.contains("<updated>2024-06-01T02:00:00Z</updated>"))

        // A later run with its own new finding, published at another time.
        snapshot.generatedAt = "2024-06-02T03:00:00Z"
        var later = snapshot.runChanges[0]
        later.runID = 4
        later.startedAt = "2024-06-02T02:00:00Z"
        later.images[0].newFindings = Array(later.images[0].newFindings.suffix(1))
        later.images[0].fixed = []
        snapshot.runChanges.insert(later, at: 0)
        let second = try Self.render(snapshot)
        defer { second.cleanUp() }
        for path in ["feeds/new-findings.atom", "feeds/teams/platform.atom"] {
            let after = try second.read(path)
            let entries = Self.entries(after)
            #expect(entries.count == 2, "\(path)")
            #expect(entries.last == Self.entries(try first.read(path)).first, "run 3's entry is byte for byte the same in \(path)")
            #expect(entries.first?.contains("<id>tag:scout-report,2024:") == true && entries.first?.contains("/run-4/") == true)
            #expect(after.contains("<updated>2024-06-02T02:00:00Z</updated>\n<author>"), "the feed's updated time is its newest entry's, not the publish time")
        }
        let team = try second.read("feeds/teams/platform.atom")
        #expect(team.contains("href=\"../../teams/platform.html\""), "links resolve from feeds/teams/")
        #expect(team.contains("href=&quot;../../images/library-alpine/"), "entry content links the image page (HTML escaped in the XML)")
    }

    @Test func aRunThatChangedThousandsOfImagesListsTheFirstAndCountsTheRest() throws {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let template = snapshot.runChanges[0].images[0]
        let count = AtomFeed.imagesPerEntry + 250
        snapshot.runChanges[0].images = (0..<count).map { number in
            var image = template
            image.digest = String(format: "sha256:%064x", number + 1)
            image.tag = "1.\(number)"
            return image
        }
        let site = try Self.render(snapshot)
        defer { site.cleanUp() }
        let entry = try #require(Self.entries(try site.read("feeds/new-findings.atom")).first)
        let listed = entry.components(separatedBy: "&lt;h3&gt;").count - 1
        #expect(listed == AtomFeed.imagesPerEntry)
        #expect(entry.contains("And 250 more images: each image&apos;s page lists its new findings.") || entry.contains("And 250 more images: each image's page lists its new findings."))
        // The totals are the whole run's.
        let perImage = template.newFindings.count
        #expect(entry.contains("<summary>\(perImage * count) new critical, high or known-exploited findings"))
    }

    @Test func teamPagesListImagesWorstFirstAndNewFindingsByPriority() throws {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        for index in snapshot.images.indices where snapshot.images[index].tags == ["3.11"] {
            for position in snapshot.images[index].findings.indices.prefix(3) { snapshot.images[index].findings[position].isNew = true }
        }
        let site = try Self.render(snapshot)
        defer { site.cleanUp() }
        let page = try site.read("teams/platform.html")
        #expect(page.contains("Contact: #platform"))
        let images = snapshot.images.sorted { ($0.findings.scoutCounts.critical, $0.findings.scoutCounts.high) > ($1.findings.scoutCounts.critical, $1.findings.scoutCounts.high) }
        let positions = images.map { page.range(of: $0.displayName)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions == positions.sorted { $0! < $1! }, "worst image first")
        let newIDs = snapshot.images.first { $0.tags == ["3.11"] }!.findings.filter(\.isNew).sortedByPriority().map(\.vulnerabilityID)
        let table = page.components(separatedBy: "New findings, most urgent first").last ?? ""
        let listed = newIDs.compactMap { table.range(of: ">\($0)<")?.lowerBound }
        #expect(listed.count == newIDs.count && listed == listed.sorted(), "most urgent first: \(newIDs)")
        let markdown = try site.read("teams/platform.md")
        #expect(markdown.hasPrefix("# Team platform"))
        #expect(markdown.contains("| [library/alpine:3.11](../images/library-alpine/"))
        let tab = try site.read("teams.html")
        #expect(tab.contains("href=\"teams/platform.html\"") && tab.contains("href=\"feeds/teams/platform.atom\""))
        #expect(tab.contains("aria-current=\"page\">Teams</a>"))
        let csv = try site.read("exports/findings.csv")
        #expect(csv.components(separatedBy: "\r\n").count - 2 == snapshot.images.reduce(0) { $0 + $1.findings.count + $1.suppressed.count })
    }

    @Test func hostileNamesStayInsideWellFormedFeeds() throws {
        let site = try Self.render(EscapingTests.hostileSnapshot())
        defer { site.cleanUp() }
        let feeds = site.files().filter { $0.hasSuffix(".atom") }
        #expect(feeds.count == 2 && feeds.allSatisfy { $0.hasPrefix("feeds/") && !$0.contains("..") }, "\(feeds)")
        for feed in feeds {
            let parser = XMLParser(data: Data(try site.read(feed).utf8))
            #expect(parser.parse(), "\(feed) is well-formed XML: \(String(describing: parser.parserError))")
            let text = try site.read(feed)
            #expect(!text.contains("<script") && !text.contains("<img"), "markup only escaped in \(feed)")
        }
        #expect(site.files().contains { $0.hasPrefix("teams/") && $0.hasSuffix(".html") && !$0.contains("..") })
    }
}
