import Foundation
import Testing
import CVSS

/// Every CVSS metric of the NVD records in `nvd-cves.json` must score as NVD states.
@Suite struct NVDMetricsTests {
    private struct Response: Decodable {
        let vulnerabilities: [Item]
        struct Item: Decodable { let cve: Record }
        struct Record: Decodable {
            let id: String
            let metrics: [String: [Metric]]
        }
        struct Metric: Decodable { let cvssData: Data }
        struct Data: Decodable {
            let version: String
            let vectorString: String
            let baseScore: Double
            let baseSeverity: String?
        }
    }

    @Test func everyNVDMetricScoresAsNVDStates() throws {
        let response = try JSONDecoder().decode(Response.self, from: Fixtures.data("nvd-cves.json"))
        #expect(response.vulnerabilities.count == 153)
        var checked: [String: Int] = [:]
        for item in response.vulnerabilities {
            for (kind, metrics) in item.cve.metrics {
                for metric in metrics {
                    let data = metric.cvssData
                    let parsed = try CVSS.parse(data.vectorString)
                    #expect(parsed.version.rawValue == data.version, "\(item.cve.id)")
                    #expect(parsed.baseScore == data.baseScore, "\(item.cve.id) \(data.vectorString)")
                    if let severity = data.baseSeverity {
                        #expect(parsed.severity == severity, "\(item.cve.id) \(data.vectorString)")
                    }
                    checked[kind, default: 0] += 1
                }
            }
        }
        // The file holds v3.x metrics only (no cvssMetricV2), 212 in all.
        #expect(checked.values.reduce(0, +) == 212)
        #expect(checked["cvssMetricV2"] == nil)
    }
}
