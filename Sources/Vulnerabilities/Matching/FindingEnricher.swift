import ScoutModel

/// Attaches CISA KEV membership and EPSS scores to findings, by the finding's CVE ids.
public struct FindingEnricher: Sendable {
    public let kev: [String: KEVEntry]
    public let epss: [String: EPSSScore]

    public init(kev: [String: KEVEntry], epss: [String: EPSSScore]) {
        self.kev = kev
        self.epss = epss
    }

    public func enrich(_ findings: [Finding]) -> [Finding] {
        guard !kev.isEmpty || !epss.isEmpty else { return findings }
        return findings.map { finding in
            var finding = finding
            let ids = [finding.vulnerabilityID] + finding.aliases.filter { $0.hasPrefix("CVE-") }
            finding.kev = ids.lazy.compactMap { kev[$0] }.first
            // Several CVE ids: the highest score is the one that matters.
            finding.epss = ids.compactMap { epss[$0] }.max { $0.score < $1.score }
            return finding
        }
    }
}
