import Foundation
import ScoutModel

/// The `docker scout cves` filters (`--only-severity`, `--only-package-type`, `--only-package`,
/// `--only-cve-id`, `--only-fixed`, `--only-unfixed`, `--only-vuln-packages`).
public struct CVEsFilter: Sendable {
    /// Keep findings of these bands; nil keeps all.
    public var onlySeverities: Set<Severity>?
    /// Keep packages (and their findings) of these types; nil keeps all.
    public var onlyPackageTypes: Set<PackageType>?
    /// Keep packages whose name or source name matches one of these regular expressions (searched,
    /// not anchored, as Go's `regexp.MatchString`); empty keeps all.
    public var onlyPackageRegex: [String]
    /// Keep findings whose id or one of whose aliases is listed; nil keeps all.
    public var onlyCVEIDs: Set<String>?
    /// Keep findings that have a fixed version.
    public var onlyFixed: Bool
    /// Keep findings that have no fixed version.
    public var onlyUnfixed: Bool
    /// List only packages that have findings. `apply` leaves packages alone for it: the caller passes
    /// it on to `CVEsReport.onlyPackages`.
    public var onlyVulnPackages: Bool

    public init(
        onlySeverities: Set<Severity>? = nil, onlyPackageTypes: Set<PackageType>? = nil,
        onlyPackageRegex: [String] = [], onlyCVEIDs: Set<String>? = nil,
        onlyFixed: Bool = false, onlyUnfixed: Bool = false, onlyVulnPackages: Bool = false
    ) {
        self.onlySeverities = onlySeverities
        self.onlyPackageTypes = onlyPackageTypes
        self.onlyPackageRegex = onlyPackageRegex
        self.onlyCVEIDs = onlyCVEIDs
        self.onlyFixed = onlyFixed
        self.onlyUnfixed = onlyUnfixed
        self.onlyVulnPackages = onlyVulnPackages
    }

    /// Checks that every `onlyPackageRegex` entry compiles, so the CLI can report a usage error.
    public func validate() throws(ReportError) {
        for pattern in onlyPackageRegex {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                throw ReportError(subject: pattern, reason: .invalidPackagePattern)
            }
        }
    }

    /// The image with only the findings that pass every filter. Package filters (type, name) also
    /// narrow `sbom.packages`, so `only-packages` lists what was asked for; the other filters keep
    /// every package. A pattern that does not compile matches nothing (call `validate()` first).
    public func apply(to image: ImageReport) -> ImageReport {
        let patterns = onlyPackageRegex.map { try? NSRegularExpression(pattern: $0) }
        var result = image
        result.sbom.packages = image.sbom.packages.filter { keeps($0, patterns) }
        result.findings = image.findings.filter { keeps($0, patterns) }
        return result
    }

    private func keeps(_ package: Package, _ patterns: [NSRegularExpression?]) -> Bool {
        if let types = onlyPackageTypes, !types.contains(package.type) { return false }
        if patterns.isEmpty { return true }
        let names = Set([package.name, package.matchName])
        return patterns.contains { pattern in
            guard let pattern else { return false }
            return names.contains { name in
                pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            }
        }
    }

    private func keeps(_ finding: Finding, _ patterns: [NSRegularExpression?]) -> Bool {
        if let severities = onlySeverities, !severities.contains(finding.severity) { return false }
        if let ids = onlyCVEIDs, !ids.contains(finding.vulnerabilityID),
           !finding.aliases.contains(where: ids.contains) { return false }
        if onlyFixed && finding.fixedVersions.isEmpty { return false }
        if onlyUnfixed && !finding.fixedVersions.isEmpty { return false }
        return keeps(finding.package, patterns)
    }
}
