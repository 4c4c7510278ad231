import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

/// Each finding carries when its vulnerability was published (the fixable policy's grace counts from
/// it): the earliest of its advisories' OSV `published` and NVD's CVE `published`.
@Suite struct PublishedDateTests {
    @Test func nvdGivesTheDateWhenTheAdvisoryHasNone() throws {
        // Alpine's secdb has no dates; NVD published CVE-2020-1967 on 2020-04-21T14:15:11.287 (no zone).
        let sbom = MatcherTests.image(OSRelease(id: "alpine", versionID: "3.11.5"), [MatcherTests.apk("libcrypto1.1", "1.1.1d-r3", origin: "openssl")])
        let findings = Matcher.match(sbom, against: MatcherTests.index).findings
        let finding = try #require(findings.first { $0.vulnerabilityID == "CVE-2020-1967" })
        #expect(finding.published == "2020-04-21T14:15:11.287")
    }

    @Test func theEarlierOfTheDebianAdvisoryAndNVDWins() throws {
        // DSA-5147-1 (published 2022-05-25) names CVE-2022-1664, which NVD published on 2022-05-26.
        let sbom = MatcherTests.image(OSRelease(id: "debian", versionID: "10"), [MatcherTests.deb("dpkg", "1.19.7", source: "dpkg")])
        let findings = Matcher.match(sbom, against: MatcherTests.index).findings
        let finding = try #require(findings.first { $0.vulnerabilityID == "CVE-2022-1664" })
        #expect(finding.published == "2022-05-25T00:00:00Z")
    }

    @Test func nvdDecoderReadsPublished() throws {
        let json = #"{"vulnerabilities":[{"cve":{"id":"CVE-2024-1","published":"2024-02-03T04:05:06.789","metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","baseScore":9.8}}]}}}]}"#
        let records = try NVDDecoder.decode(Data(json.utf8), path: "nvd.json")
        #expect(records.map(\.published) == ["2024-02-03T04:05:06.789"])
    }

    @Test func mergedAdvisoriesKeepTheEarliestDate() throws {
        let package = MatcherTests.apk("musl", "1.1.24-r2", origin: "musl")
        func advisory(_ id: String, published: String) -> Advisory {
            Advisory(id: id, aliases: ["CVE-2020-28928"], published: published, affected: [AffectedPackage(
                ecosystem: "Alpine:v3.11", name: "musl", ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("1.1.24-r3")])])])
        }
        let index = AdvisoryIndex(sources: [("a", [advisory("A-1", published: "2020-12-01T00:00:00Z")]),
                                            ("b", [advisory("B-1", published: "2020-11-24T00:00:00Z")])], cvss: [])
        let sbom = MatcherTests.image(OSRelease(id: "alpine", versionID: "3.11.5"), [package])
        let findings = Matcher.match(sbom, against: index).findings
        #expect(findings.map(\.vulnerabilityID) == ["CVE-2020-28928"])
        #expect(findings.first?.published == "2020-11-24T00:00:00Z")
    }
}
