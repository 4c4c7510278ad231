import Foundation
import JSONText
import ScoutModel

/// Reads CVSS scores from NVD CVE API 2.0 responses (and the yearly feeds in the same shape).
public enum NVDDecoder {
    /// Every CVSS v4/v3.x/v2 metric of every CVE, with NVD's Primary marked.
    public static func decode(_ data: Data, path: String) throws(ImportError) -> [CVSSRecord] {
        let value = try JSONValue.parseJSON(data, path: path)
        guard let vulnerabilities = value["vulnerabilities"].map({ $0.array ?? [] }) else {
            throw ImportError(path: path, reason: .malformed("no 'vulnerabilities' array (not an NVD CVE API 2.0 document)"))
        }
        var records: [CVSSRecord] = []
        for item in vulnerabilities {
            let cve = item["cve"] ?? item
            guard let id = cve["id"]?.string else { continue }
            let published = cve["published"]?.string
            let description = cve["descriptions"]?.array?.first { $0["lang"]?.string == "en" }?["value"]?.string
            // Newest CVSS version first: the first metric of the best version is preferred later.
            for key in ["cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"] {
                for metric in cve["metrics"]?[key]?.array ?? [] {
                    // A score outside 0…10 (1e300, 1e999 = ∞) is no CVSS score: kept, it trapped the
                    // renderers' `Int(score * 10)` and with them the whole publish.
                    guard let data = metric["cvssData"], let vector = data["vectorString"]?.string,
                          let score = data["baseScore"]?.double, (0...10).contains(score) else { continue }
                    records.append(CVSSRecord(
                        vulnerabilityID: id, vector: vector, score: score,
                        scorer: metric["source"]?.string ?? "nvd@nist.gov",
                        isPrimary: metric["type"]?.string == "Primary",
                        description: description, published: published))
                }
            }
        }
        return records
    }
}
