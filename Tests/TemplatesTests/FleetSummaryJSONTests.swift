import Foundation
import ScoutModel
import Testing
@testable import Templates

/// `index.json` is written through `JSONWriter`; `encodedWithFoundation` (the `JSONEncoder` path it
/// replaced) is the oracle: the same summary must give the same bytes.
@Suite struct FleetSummaryJSONTests {
    static func summaries() throws -> [(String, FleetSummaryJSON)] {
        var history = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&history)
        // No repository settings: the per-repository settings members are left out.
        var unconfigured = try FixtureSnapshot.make()
        unconfigured.repositories = []
        unconfigured.images[0].repository = nil
        unconfigured.images[1].sbom.metadata.platform = nil
        unconfigured.images[1].sbom.os = nil
        let hostile = EscapingTests.hostileSnapshot()
        let poisoned = try EscapingTests.poison(hostile, marker: "\u{0}\u{8}\u{C}\u{1F}\u{7F}\\\"/\r\n😀\u{2028}e\u{301}")
        var scored = hostile
        for index in scored.images.indices { scored.images[index].findings[0].cvssScore = 7.0 }
        let dashboard = try DashboardFleet.make()   // health, policies with a note, base images
        return [("fixture", history), ("unconfigured", unconfigured), ("hostile", hostile), ("poisoned", poisoned), ("scored", scored),
                ("dashboard", dashboard)].map {
            ($0.0, FleetSummaryJSON(FleetIndex($0.1), toolVersion: "0.1.0", downloads: SiteDownloads.formats))
        }
    }

    @Test func writerGivesJSONEncodersBytes() throws {
        for (name, summary) in try Self.summaries() {
            #expect(try summary.encoded() == (try summary.encodedWithFoundation()), "\(name)")
        }
    }

    @Test func theSummariesReachEveryOptionalMember() throws {
        let texts = try Self.summaries().map { try $0.1.encoded() }
        let all = texts.joined()
        for member in ["\"enabled\" : true", "\"lastAnalysed\"", "\"latestTag\"", "\"cvssScore\" : 9.8", "\"cvssScore\" : 7,",
                       "\"baseImage\"", "\"firstSeen\"", "\"platform\"", "\"os\"", "\"created\"", "\"repository\"",
                       "\"cyclonedx\" : ", "\"health\" : {", "\"note\" : ", "\"grade\" : \"E\"", "\"status\" : \"unknown\"", "\\u0000\\b\\f\\u001f\u{7F}\\\\\\\"/\\r\\n😀"] {
            #expect(all.contains(member), "no summary has \(member)")
        }
        #expect(!texts[1].contains("\"enabled\""), "a repository without settings has no enabled member")
    }

    @Test func aNonFiniteScoreFailsAsJSONEncoderDid() throws {
        var snapshot = EscapingTests.hostileSnapshot()
        snapshot.images[0].findings[0].cvssScore = .infinity
        snapshot.images[1].findings[0].cvssScore = .infinity
        let summary = FleetSummaryJSON(FleetIndex(snapshot), toolVersion: "0.1.0", downloads: [])
        #expect(throws: SiteError.self) { try summary.encoded() }
        #expect(throws: EncodingError.self) { try summary.encodedWithFoundation() }
    }
}
