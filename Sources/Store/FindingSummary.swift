import JSONText

/// A recorded finding as re-evaluation compares it with the next run: enough to tell new, fixed and
/// suppressed findings apart without decoding the whole record.
public struct FindingSummary: Sendable, Hashable {
    /// `Finding.key`: vulnerability, package type, name and version.
    public var key: String
    /// True when a VEX statement or the ignore list suppressed it.
    public var suppressed: Bool
    /// `CVE-… name version` of the source package, as Scout counts vulnerabilities.
    public var sourceKey: String

    public init(key: String, suppressed: Bool, sourceKey: String) {
        self.key = key
        self.suppressed = suppressed
        self.sourceKey = sourceKey
    }

    /// The array `json_extract` gives for the id, name, version, source name and source version.
    static func fields(_ text: String) -> (id: String, name: String, version: String, sourceName: String?, sourceVersion: String?)? {
        guard let values = try? JSONValue.parse(Array(text.utf8), maximumDepth: 2, maximumBytes: 1 << 20).array, values.count == 5,
              let id = values[0].string, let name = values[1].string, let version = values[2].string else { return nil }
        return (id, name, version, values[3].string, values[4].string)
    }
}
