import Foundation
import JSONText
import ScoutModel

/// Reads CISA's Known Exploited Vulnerabilities catalogue (`known_exploited_vulnerabilities.json`).
///
/// The schema (cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities_schema.json): a
/// `vulnerabilities` array of objects with `cveID`, `vendorProject`, `product`, `vulnerabilityName`,
/// `dateAdded`, `shortDescription`, `requiredAction`, `dueDate`, `knownRansomwareCampaignUse`, and a
/// top-level `count`, checked here against the array so a truncated catalogue is refused.
public enum KEVDecoder {
    public static func decode(_ data: Data, path: String) throws(ImportError) -> [KEVEntry] {
        let value = try JSONValue.parseJSON(data, path: path)
        guard value.members != nil, let items = value["vulnerabilities"].map({ $0.array ?? [] }) else {
            throw ImportError(path: path, reason: .malformed("no 'vulnerabilities' array (not a CISA KEV catalogue)"))
        }
        // `count` is any JSON number (1e300, 2.5): compared as a number, never converted with a trapping `Int(_:)`.
        if let count = value["count"]?.double, Double(items.count) != count {
            throw ImportError(path: path, reason: .malformed("'count' says \(Int(exactly: count).map(String.init) ?? String(count)) entries but \(items.count) are listed (truncated?)"))
        }
        var entries: [KEVEntry] = []
        entries.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let id = item["cveID"]?.string, id.hasPrefix("CVE-") else {
                throw ImportError(path: path, reason: .malformed("vulnerabilities[\(position)] has no 'cveID'"))
            }
            entries.append(KEVEntry(
                cveID: id, dateAdded: item["dateAdded"]?.string, dueDate: item["dueDate"]?.string,
                knownRansomwareCampaignUse: item["knownRansomwareCampaignUse"]?.string,
                name: item["vulnerabilityName"]?.string, requiredAction: item["requiredAction"]?.string))
        }
        return entries
    }
}
