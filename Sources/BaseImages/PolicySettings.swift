/// The configurable inputs of Scout's default policies (`policies:` in `scout-report.yml`).
public struct PolicySettings: Sendable, Hashable {
    /// Globs over fully qualified base names (`docker.io/library/*`); empty approves every known base.
    public var approvedBaseImages: [String]
    /// Vulnerability ids that fail the high-profile policy wherever they appear.
    public var highProfileVulnerabilities: [String]
    /// A fixable critical or high vulnerability fails the policy once it has been known this many days.
    public var fixableGraceDays: Int
    /// Ids in CISA's Known Exploited Vulnerabilities catalogue (added to the high-profile list).
    public var knownExploited: Set<String>

    public init(
        approvedBaseImages: [String] = [], highProfileVulnerabilities: [String] = PolicySettings.defaultHighProfile,
        fixableGraceDays: Int = 30, knownExploited: Set<String> = []
    ) {
        self.approvedBaseImages = approvedBaseImages
        self.highProfileVulnerabilities = highProfileVulnerabilities
        self.fixableGraceDays = fixableGraceDays
        self.knownExploited = knownExploited
    }

    /// Scout's list: Heartbleed, Log4Shell (and its follow-ups), curl SOCKS5 heap overflow,
    /// HTTP/2 Rapid Reset, the xz backdoor, and the CUPS remote code execution chain.
    public static let defaultHighProfile = [
        "CVE-2014-0160",
        "CVE-2021-44228", "CVE-2021-45046",
        "CVE-2023-38545",
        "CVE-2023-44487",
        "CVE-2024-3094",
        "CVE-2024-47176", "CVE-2024-47076", "CVE-2024-47175", "CVE-2024-47177",
    ]
}
