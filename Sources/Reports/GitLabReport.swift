import ScoutModel

/// `docker scout cves --format gitlab`: a GitLab container scanning report (security report schema
/// 15.2.x shape: `version`, `scan`, `vulnerabilities` with `identifiers` and a container `location`),
/// one vulnerability per (vulnerability id, binary package).
public enum GitLabReport {
    /// The security-report-schemas version the document declares.
    public static let schemaVersion = "15.2.1"

    /// Renders the findings; `scanTime` (RFC 3339, UTC) is written as the scan's start and end.
    public static func render(_ image: ImageReport, toolVersion: String, scanTime: String) throws -> String {
        var seen = Set<[String]>()
        let findings = image.findings
            .filter { seen.insert([$0.vulnerabilityID, $0.package.purl]).inserted }
            .sorted { ($0.vulnerabilityID, $0.package.name, $0.package.purl) < ($1.vulnerabilityID, $1.package.name, $1.package.purl) }
        let time = gitlabTime(scanTime)
        let tool = GitLabDocument.Component(
            id: "scout-report", name: "scout-report",
            version: toolVersion, vendor: .init(name: "scout-report"))
        let os = image.sbom.os.map { [$0.id, $0.versionID].compactMap { $0 }.joined(separator: " ") } ?? "Unknown"
        var scan = GitLabDocument.Scan(analyzer: tool, scanner: tool, type: "container_scanning", startTime: time, endTime: time, status: "success")
        let reasons = image.sbom.incompleteReasons
        if !reasons.isEmpty {
            scan.status = "failure"
            scan.messages = reasons.map { .init(level: "error", value: "Incomplete analysis: \($0.message)") }
        }
        let document = GitLabDocument(
            version: schemaVersion, scan: scan,
            vulnerabilities: findings.map { vulnerability($0, image: image, os: os) })
        return try JSONOutput.encode(document, format: "GitLab", subject: image.displayName)
    }

    private static func vulnerability(_ finding: Finding, image: ImageReport, os: String) -> GitLabDocument.Vulnerability {
        let id = finding.vulnerabilityID
        var identifiers = [identifier(id)]
        identifiers += finding.aliases.sorted().map(identifier)
        let solution = finding.fixedVersions.isEmpty ? nil
            : "Upgrade \(finding.package.name) to \(finding.fixedVersions.joined(separator: ", "))"
        var links = [GitLabDocument.Link(url: TextLayout.vulnerabilityLink(id))]
        links += finding.references.sorted().filter { $0.hasPrefix("http") }.map { .init(url: $0) }
        let name = finding.summary.map { "\(id): \($0)" } ?? "\(id) in \(finding.package.name)"
        return GitLabDocument.Vulnerability(
            id: stableID(id + "|" + finding.package.purl + "|" + image.digest),
            name: String(name.prefix(255)),
            description: finding.details ?? finding.summary ?? "\(id) affects \(finding.package.name) \(finding.package.version) (\(finding.affectedRange)).",
            severity: severityName(finding.severity), solution: solution,
            identifiers: identifiers, links: links,
            location: .init(
                dependency: .init(package: .init(name: finding.package.name), version: finding.package.version),
                operatingSystem: os, image: image.displayName))
    }

    private static func identifier(_ id: String) -> GitLabDocument.Identifier {
        let type: String
        if id.hasPrefix("CVE-") { type = "cve" } else if id.hasPrefix("GHSA-") { type = "ghsa" } else { type = "osv" }
        return .init(type: type, name: id, value: id, url: TextLayout.vulnerabilityLink(id))
    }

    /// GitLab severities: Critical, High, Medium, Low, Unknown.
    static func severityName(_ severity: Severity) -> String {
        severity == .unspecified ? "Unknown" : severity.rawValue.prefix(1).uppercased() + severity.rawValue.dropFirst()
    }

    /// `2026-01-01T00:00:00Z` → `2026-01-01T00:00:00` (the schema's pattern has no zone).
    static func gitlabTime(_ rfc3339: String) -> String {
        String(rfc3339.prefix(19))
    }

    /// A UUID-shaped id from two FNV-1a 64-bit hashes of `key`: the same finding keeps its id.
    static func stableID(_ key: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in key.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100000001b3
            }
            return hash
        }
        let hex = String(fnv(0xcbf29ce484222325), radix: 16).leftZeroPadded(16)
            + String(fnv(0x84222325cbf29ce4), radix: 16).leftZeroPadded(16)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}

extension String {
    func leftZeroPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
