import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

/// The store keeps advisories as the JSON of their synthesized `Codable`; our reader must give back
/// exactly what `JSONDecoder` would.
@Suite struct AdvisoryRecordDecoderTests {
    @Test func readsWhatCodableWroteForEveryRealAdvisory() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var advisories = try AdvisoryLoader.load(format: .osv, path: Paths.repository("examples/advisories/debian-osv.zip")).advisories
        advisories += try AdvisoryLoader.load(format: .alpineSecDB, path: Paths.repository("examples/advisories/alpine-secdb")).advisories
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("advisories/GHSA-27h2-hvpr-p74q.json")))
        advisories.append(try OSVDecoder.decodeJSON(data, path: "ghsa.json"))
        // Every field and every kind of event, including the optional ones.
        advisories.append(Advisory(
            id: "TEST-1", aliases: ["CVE-1"], related: ["R-1"], summary: "s \"quoted\" \\ é", details: "line\nbreak",
            published: "2024-01-01T00:00:00Z", modified: "2024-01-02T00:00:00Z", withdrawn: "2024-01-03T00:00:00Z",
            severity: [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")],
            databaseSeverity: "HIGH",
            affected: [AffectedPackage(ecosystem: "npm", name: "x", purl: "pkg:npm/x", ranges: [
                AffectedRange(type: .semver, events: [.introduced("1.0.0"), .lastAffected("1.2.0"), .limit("2.0.0"), .fixed("1.3.0")]),
            ], versions: ["1.0.0"], severity: "LOW")],
            references: ["https://example.invalid/x"]))
        #expect(advisories.count > 3000)
        for advisory in advisories {
            let record = try encoder.encode(advisory)
            #expect(AdvisoryRecordDecoder.decode(record) == advisory, "\(advisory.id)")
        }
    }

    @Test func refusesWhatIsNotARecord() {
        #expect(AdvisoryRecordDecoder.decode(Data("{\"aliases\": []}".utf8)) == nil)
        #expect(AdvisoryRecordDecoder.decode(Data("{\"id\": \"X\", \"affected\": [{\"name\": \"n\"}]}".utf8)) == nil)
        #expect(AdvisoryRecordDecoder.decode(Data("{\"id\": \"X\", \"affected\": [{\"ecosystem\": \"npm\", \"name\": \"n\", \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"gone\": {\"_0\": \"1\"}}]}]}]}".utf8)) == nil)
        #expect(AdvisoryRecordDecoder.decode(Data("not json".utf8)) == nil)
    }
}

/// The direct reader must take the plain records the store writes (else the index stage is slow again)
/// and give up on anything else, which the general reader then settles.
@Suite struct AdvisoryRecordReaderTests {
    @Test func readsEveryStoredFormDirectly() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var advisories = try AdvisoryLoader.load(format: .osv, path: Paths.repository("examples/advisories/debian-osv.zip")).advisories
        advisories += try AdvisoryLoader.load(format: .alpineSecDB, path: Paths.repository("examples/advisories/alpine-secdb")).advisories
        #expect(advisories.count > 3000)
        for advisory in advisories {
            // Sorted keys (JSONEncoder) and the default order with spaces: any key order, any spacing.
            let sorted = try encoder.encode(advisory)
            #expect(AdvisoryRecordReader.read(sorted) == advisory, "\(advisory.id)")
            let plain = try JSONEncoder().encode(advisory)
            #expect(AdvisoryRecordReader.read(plain) == advisory, "\(advisory.id)")
        }
    }

    @Test func givesUpOnWhatTheGeneralReaderSettles() {
        // A \u escape is read by the parser's own string scanner, so both readers take it alike.
        let escaped = Data(#"{"id":"X-\u0041","affected":[]}"#.utf8)
        #expect(AdvisoryRecordReader.read(escaped)?.id == "X-A")
        #expect(AdvisoryRecordDecoder.decode(escaped)?.id == "X-A")
        // A null list and an unknown event are left to AdvisoryRecordDecoder.
        let nullList = Data(#"{"id":"X","aliases":null,"affected":[]}"#.utf8)
        #expect(AdvisoryRecordReader.read(nullList) == nil)
        #expect(AdvisoryRecordDecoder.decode(nullList) == Advisory(id: "X", affected: []))
        let unknownEvent = Data(#"{"id":"X","affected":[{"ecosystem":"npm","name":"n","ranges":[{"type":"SEMVER","events":[{"gone":{"_0":"1"}}]}]}]}"#.utf8)
        #expect(AdvisoryRecordReader.read(unknownEvent) == nil)
        #expect(AdvisoryRecordDecoder.decode(unknownEvent) == nil)
        // Unknown keys are skipped, null optionals read as absent, trailing text refused.
        let extra = Data(#"{"id":"X","extra":{"a":[1,2.5,true,null,"s"]},"summary":null,"affected":[]}"#.utf8)
        #expect(AdvisoryRecordReader.read(extra) == Advisory(id: "X", affected: []))
        #expect(AdvisoryRecordReader.read(Data(#"{"id":"X"} x"#.utf8)) == nil)
    }
}
