import ScoutModel

/// `docker scout cves --format sarif`: SARIF 2.1.0 JSON with one rule per vulnerability id and one
/// result per affected (binary) package, in the shape GitHub code scanning reads.
public enum SARIFReport {
    /// Renders the image's findings. Output is deterministic: rules sorted by id, results by rule then
    /// package, keys sorted.
    public static func render(_ image: ImageReport, toolName: String = "scout-report", toolVersion: String) throws -> String {
        let document = document(image, toolName: toolName, toolVersion: toolVersion)
        return try JSONOutput.write(document, format: "SARIF", subject: image.displayName,
                                    capacity: 4096 + image.findings.count * 1500)
    }

    /// The document `render` writes.
    static func document(_ image: ImageReport, toolName: String = "scout-report", toolVersion: String) -> SARIFDocument {
        let byID = Dictionary(grouping: uniqueFindings(image.findings), by: \.vulnerabilityID)
        let ids = byID.keys.sorted()
        var rules: [SARIFDocument.Rule] = []
        var results: [SARIFDocument.Result] = []
        for (index, id) in ids.enumerated() {
            let findings = byID[id]!.sorted { ($0.package.name, $0.package.purl) < ($1.package.name, $1.package.purl) }
            rules.append(rule(id: id, findings: findings))
            for finding in findings {
                results.append(result(finding, ruleIndex: index))
            }
        }
        let driver = SARIFDocument.Driver(
            name: toolName, fullName: "scout-report container image analysis", version: toolVersion,
            rules: rules)
        var properties = ["imageName": image.displayName, "imageDigest": image.digest]
        if let os = image.sbom.os { properties["os"] = os.display }
        var run = SARIFDocument.Run(tool: SARIFDocument.Tool(driver: driver), results: results, properties: properties)
        let reasons = image.sbom.incompleteReasons
        // Comparisons that could not be made are warnings of a run that otherwise succeeded.
        let undecided = image.evaluationWarnings.map { SARIFDocument.Notification(level: "warning", message: .init(text: $0.message)) }
        if !reasons.isEmpty {
            // An incomplete image must not read as a clean one: the run did not succeed, and says why.
            properties["incomplete"] = "true"
            run.properties = properties
            run.invocations = [SARIFDocument.Invocation(
                executionSuccessful: false,
                toolExecutionNotifications: reasons.map { SARIFDocument.Notification(level: "error", message: .init(text: $0.message)) } + undecided)]
        } else if !undecided.isEmpty {
            run.invocations = [SARIFDocument.Invocation(executionSuccessful: true, toolExecutionNotifications: undecided)]
        }
        return SARIFDocument(runs: [run])
    }

    /// SARIF level: Trivy's and Grype's mapping (Scout's is undocumented).
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .unspecified: "note"
        }
    }

    /// GitHub's `security-severity`: the CVSS score when there is one. Without a score, a value in the
    /// middle of the band (critical 9.5, high 8.0, medium 5.5, low 2.0) so GitHub shows the same band;
    /// nothing for unspecified.
    static func securitySeverity(_ severity: Severity, score: Double?) -> String? {
        if let score { return TextLayout.formatOneDecimal(score) }
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "2.0"
        case .unspecified: return nil
        }
    }

    /// One finding per (vulnerability id, package purl).
    private static func uniqueFindings(_ findings: [Finding]) -> [Finding] {
        var seen = Set<[String]>()
        return findings.filter { seen.insert([$0.vulnerabilityID, $0.package.purl]).inserted }
    }

    private static func rule(id: String, findings: [Finding]) -> SARIFDocument.Rule {
        let worst = findings.map(\.severity).min() ?? .unspecified
        let score = findings.compactMap(\.cvssScore).max()
        let summary = findings.compactMap(\.summary).first
        let short = summary.map { "\(id): \($0)" } ?? id
        var markdown = "| Package | Affected range | Fixed version |\n| --- | --- | --- |\n"
        var text = "Vulnerability \(id)\nSeverity: \(worst.rawValue.uppercased())\n"
        if let score { text += "CVSS score: \(TextLayout.formatOneDecimal(score))\n" }
        for finding in findings {
            markdown += "| \(finding.package.purl) | \(finding.affectedRange) | \(finding.fixedVersionDisplay) |\n"
            text += "Package: \(finding.package.purl), affected range: \(finding.affectedRange), fixed version: \(finding.fixedVersionDisplay)\n"
        }
        let link = TextLayout.vulnerabilityLink(id)
        text += "Link: \(link)"
        let isOS = findings.first?.package.type.isOSPackage ?? true
        return SARIFDocument.Rule(
            id: id, name: isOS ? "OsPackageVulnerability" : "LanguageSpecificPackageVulnerability",
            shortDescription: .init(text: short),
            fullDescription: .init(text: findings.compactMap(\.details).first ?? summary ?? id),
            defaultConfiguration: .init(level: level(worst)),
            helpUri: link, help: .init(text: text, markdown: markdown),
            properties: .init(securitySeverity: securitySeverity(worst, score: score),
                              tags: ["vulnerability", "security", worst.rawValue.uppercased()]))
    }

    private static func result(_ finding: Finding, ruleIndex: Int) -> SARIFDocument.Result {
        let rows = [
            ("Vulnerability", finding.vulnerabilityID),
            ("Severity", finding.severity.rawValue.uppercased()),
            ("Package", finding.package.purl),
            ("Affected range", finding.affectedRange),
            ("Fixed version", finding.fixedVersionDisplay),
        ]
        let text = rows.map { "\(TextLayout.pad($0.0, 14)) : \($0.1)" }.joined(separator: "\n")
        let locations = finding.package.locations.sorted().map {
            SARIFDocument.Location(physicalLocation: .init(artifactLocation: .init(uri: $0)))
        }
        return SARIFDocument.Result(
            ruleId: finding.vulnerabilityID, ruleIndex: ruleIndex, level: level(finding.severity),
            message: .init(text: text), locations: locations)
    }
}
