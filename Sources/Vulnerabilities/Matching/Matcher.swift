import CVSS
import ScoutModel
import Versions

/// The findings of one image and what could not be evaluated.
public struct MatchResult: Sendable {
    public var findings: [Finding]
    public var warnings: [ScanWarning]
}

/// Matches an image's packages against the advisory index.
public enum Matcher {
    /// One finding per vulnerability per package: a DSA naming three CVEs gives three findings, and a
    /// GHSA and a CVE record of the same vulnerability merge into one that lists both ids.
    public static func match(_ sbom: ImageSBOM, against index: AdvisoryIndex) -> MatchResult {
        var memo = MatchMemo()
        return match(sbom, against: index, memo: &memo)
    }

    /// The same, remembering in `memo` what each (ecosystem, name, version) gave, so that images
    /// sharing packages (a fleet on a few base images) evaluate each range once. A memo serves one index.
    public static func match(_ sbom: ImageSBOM, against index: AdvisoryIndex, memo: inout MatchMemo) -> MatchResult {
        var findings: [Finding] = []
        var warnings: [ScanWarning] = []
        var warnedEcosystems: Set<String> = []
        let osEcosystem = sbom.os?.osvEcosystem
        for package in sbom.packages {
            guard let key = EcosystemKey(package: package, osEcosystem: osEcosystem), let bucket = index.entries[key] else { continue }
            guard let scheme = bucket.scheme else {
                let ecosystemBase = key.ecosystem.split(separator: ":").first.map(String.init) ?? key.ecosystem
                if warnedEcosystems.insert(ecosystemBase).inserted {
                    warnings.append(ScanWarning(subject: key.ecosystem, message: "No version ordering is known for ecosystem '\(key.ecosystem)'; its advisories were not evaluated"))
                }
                continue
            }
            let installed = package.matchVersion
            let memoKey = MatchMemo.Key(key: key, version: installed)
            let outcome: MatchMemo.Outcome
            if let known = memo.outcomes[memoKey] {
                outcome = known
            } else {
                outcome = evaluate(installed, scheme: scheme, bucket: bucket)
                memo.outcomes[memoKey] = outcome
            }
            let hits: [MatchMemo.Hit]
            switch outcome {
            case .unreadableVersion(let error):
                // One warning per package: its version cannot be compared with any advisory.
                warnings.append(ScanWarning(
                    subject: "\(package.name)@\(package.version)",
                    message: Self.couldNotCompare(package: package, with: "the \(key.ecosystem) advisories for '\(key.name)'", error)))
                continue
            case .entries(let entries):
                hits = entries
            }
            var merged: [String: Finding] = [:]
            for hit in hits {
                let entry = bucket.entries[hit.entry]
                let advisory = index.advisories[entry.advisory]
                if let error = hit.error {
                    warnings.append(ScanWarning(
                        subject: advisory.id,
                        message: Self.couldNotCompare(package: package, with: "advisory '\(advisory.id)'", error)))
                    continue
                }
                let affected = advisory.affected[entry.affected]
                let source = index.sourceNames[entry.advisory]
                for finding in findingsFor(advisory: advisory, affected: affected, package: package, source: source, ecosystem: key.ecosystem, index: index) {
                    if let existing = merged[finding.vulnerabilityID] {
                        merged[finding.vulnerabilityID] = merge(existing, finding, scheme: scheme)
                    } else {
                        merged[finding.vulnerabilityID] = finding
                    }
                }
            }
            findings.append(contentsOf: merged.values)
        }
        findings.sort {
            ($0.severity, $0.package.name, $0.package.version, $0.vulnerabilityID)
                < ($1.severity, $1.package.name, $1.package.version, $1.vulnerabilityID)
        }
        return MatchResult(findings: findings, warnings: warnings)
    }

    /// The one warning of every ecosystem for a version that cannot be compared (installed or in an
    /// advisory): neither "vulnerable" nor "not vulnerable" is claimed.
    static func couldNotCompare(package: Package, with what: String, _ error: VersionError) -> String {
        "Could not compare '\(package.name)' \(package.version) with \(what): \(error.description); "
            + "whether it is affected is unknown until the version can be read"
    }

    /// The entries of `bucket` that affect `installed` or cannot be evaluated for it, in index order.
    static func evaluate(_ installed: String, scheme: VersionScheme, bucket: AdvisoryIndex.Bucket) -> MatchMemo.Outcome {
        let parsed: ParsedVersion
        do {
            parsed = try ParsedVersion(installed, scheme: scheme)
        } catch {
            return .unreadableVersion(error)
        }
        let evaluator = RangeEvaluator(scheme: scheme)
        var hits: [MatchMemo.Hit] = []
        for (position, entry) in bucket.entries.enumerated() {
            guard let ranges = entry.ranges else { continue }
            do {
                if try ranges.isAffected(installed, parsed, evaluator: evaluator) { hits.append(MatchMemo.Hit(entry: position, error: nil)) }
            } catch {
                hits.append(MatchMemo.Hit(entry: position, error: error))
            }
        }
        return .entries(hits)
    }

    private static func findingsFor(advisory: Advisory, affected: AffectedPackage, package: Package, source: String, ecosystem: String, index: AdvisoryIndex) -> [Finding] {
        let ids = [advisory.id] + advisory.aliases
        var primaries = ids.filter { $0.hasPrefix("CVE-") }
        if primaries.isEmpty { primaries = [advisory.id] }
        let allIDs = Set(ids)
        return primaries.map { primary in
            let rating = SeverityChooser.choose(advisory: advisory, affected: affected, vulnerabilityID: primary, source: source, index: index)
            return Finding(
                vulnerabilityID: primary,
                aliases: allIDs.subtracting([primary]).sorted(),
                package: package,
                severity: rating.severity,
                cvssScore: rating.score,
                cvssVector: rating.vector,
                severitySource: rating.source,
                affectedRange: RangeEvaluator.describe(affected),
                fixedVersions: RangeEvaluator.fixedVersions(affected),
                summary: advisory.summary ?? index.cvss[primary]?.description.map { String($0.prefix(200)) },
                details: advisory.details ?? index.cvss[primary]?.description,
                references: advisory.references,
                ecosystem: ecosystem,
                published: PublicationDate.earliest(advisory.published, index.cvss[primary]?.published))
        }
    }

    /// Two advisories of one vulnerability: the first keeps its severity unless the second's comes from a
    /// better source; ids, fixed versions and references are united.
    private static func merge(_ a: Finding, _ b: Finding, scheme: VersionScheme) -> Finding {
        var result = SeverityChooser.rank(a) <= SeverityChooser.rank(b) ? a : b
        let other = result == a ? b : a
        result.aliases = Array(Set(a.aliases + b.aliases).subtracting([result.vulnerabilityID])).sorted()
        let fixed = Array(Set(a.fixedVersions + b.fixedVersions))
        result.fixedVersions = fixed.sorted { (try? scheme.compare($0, $1)) ?? ($0 < $1 ? -1 : 1) < 0 }
        result.references = Array(Set(a.references + b.references)).sorted()
        if result.summary == nil { result.summary = other.summary }
        if result.details == nil { result.details = other.details }
        result.published = PublicationDate.earliest(a.published, b.published)
        if result.cvssScore == nil {
            result.cvssScore = other.cvssScore
            result.cvssVector = other.cvssVector
        }
        if !a.affectedRange.isEmpty, !b.affectedRange.isEmpty, a.affectedRange != b.affectedRange {
            result.affectedRange = [a.affectedRange, b.affectedRange].sorted().joined(separator: " || ")
        }
        return result
    }
}
