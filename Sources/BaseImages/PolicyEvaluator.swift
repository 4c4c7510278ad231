import Foundation
import ScoutModel

/// Evaluates Scout's default policies for one image and maps the points met to a health grade.
public struct PolicyEvaluator: Sendable {
    public let settings: PolicySettings
    /// RFC 3339 time the grace period is measured to.
    public let now: String

    public init(settings: PolicySettings, now: String) {
        self.settings = settings
        self.now = now
    }

    /// Health-score points per policy (Scout's `policy/scores.md`; the optional SonarQube policy is not evaluated).
    public static let points: [String: Int] = [
        "fixable-critical-high": 20, "high-profile-vulnerabilities": 20, "supply-chain-attestations": 15,
        "approved-base-images": 15, "no-outdated-base-images": 10, "default-non-root-user": 5, "no-agpl-v3-licenses": 5,
    ]

    public func evaluate(_ image: ImageReport, base: BaseImageSummary?) -> PolicyReport {
        let results = [
            fixable(image), highProfile(image), attestations(image), approvedBase(base),
            outdatedBase(base), nonRoot(image), agpl(image),
        ]
        return Self.score(results)
    }

    /// Points met over points with data; grades A >90%, B >70%, C >50%, D >30%, E >10%, else F.
    public static func score(_ results: [PolicyResult]) -> PolicyReport {
        let known = results.filter { $0.status != .noData }
        let total = known.reduce(0) { $0 + $1.points }
        guard total > 0 else { return PolicyReport(results: results, grade: nil, percent: nil) }
        let met = known.filter { $0.status == .compliant }.reduce(0) { $0 + $1.points }
        let ratio = Double(met) / Double(total) * 100
        return PolicyReport(results: results, grade: grade(ratio), percent: Int(ratio.rounded(.down)))
    }

    public static func grade(_ percent: Double) -> String {
        switch percent {
        case let p where p > 90: "A"
        case let p where p > 70: "B"
        case let p where p > 50: "C"
        case let p where p > 30: "D"
        case let p where p > 10: "E"
        default: "F"
        }
    }

    private func result(_ id: String, _ title: String, _ status: PolicyResult.Status, _ detail: String, counts: SeverityCounts? = nil) -> PolicyResult {
        PolicyResult(id: id, title: title, status: status, points: Self.points[id] ?? 10, detail: detail, counts: counts)
    }

    /// Fixable critical and high findings public for longer than the grace period. Age counts from the
    /// vulnerability's publication (as Scout's "Age" does); from when this tool first saw the finding
    /// only when no source gives a publication date, and the result's note says how many those were.
    func fixable(_ image: ImageReport) -> PolicyResult {
        let cutoff = Self.date(now).map { $0.addingTimeInterval(-Double(settings.fixableGraceDays) * 86_400) }
        // An image's findings share a few distinct times: each parsed once, not per finding (a
        // formatter per parse was 5 % of a 3,000-image publish).
        var parsed: [String: Date?] = [:]
        func date(_ text: String) -> Date? {
            if let known = parsed[text] { return known }
            let value = PublicationDate.parse(text)
            parsed[text] = value
            return value
        }
        var agedBySeen: Set<String> = []
        let failing = image.findings.filter { finding in
            guard finding.severity == .critical || finding.severity == .high, !finding.fixedVersions.isEmpty else { return false }
            let published = finding.published.flatMap(date)
            if published == nil { agedBySeen.insert(finding.vulnerabilityID) }
            guard let cutoff, let since = published ?? finding.firstSeen.flatMap(date) else { return settings.fixableGraceDays == 0 }
            return since <= cutoff
        }
        let counts = failing.scoutCounts
        var outcome = result("fixable-critical-high", "No fixable critical or high vulnerabilities",
                             failing.isEmpty ? .compliant : .violated, "\(counts.critical)C \(counts.high)H", counts: counts)
        if !agedBySeen.isEmpty {
            outcome.note = agedBySeen.count == 1
                ? "1 fixable critical or high vulnerability has no known publication date: its age counts from when scout-report first saw it"
                : "\(agedBySeen.count) fixable critical or high vulnerabilities have no known publication date: their age counts from when scout-report first saw them"
        }
        return outcome
    }

    func highProfile(_ image: ImageReport) -> PolicyResult {
        let listed = Set(settings.highProfileVulnerabilities.map { $0.uppercased() }).union(settings.knownExploited.map { $0.uppercased() })
        let ids = Set(image.findings.filter { finding in
            ([finding.vulnerabilityID] + finding.aliases).contains { listed.contains($0.uppercased()) }
        }.map(\.vulnerabilityID))
        return result("high-profile-vulnerabilities", "No high-profile vulnerabilities",
                      ids.isEmpty ? .compliant : .violated, ids.isEmpty ? "0 vulnerabilities" : ids.sorted().joined(separator: ", "))
    }

    func attestations(_ image: ImageReport) -> PolicyResult {
        let id = "supply-chain-attestations", title = "Supply chain attestations"
        guard let found = image.sbom.metadata.attestations else { return result(id, title, .noData, "No data") }
        let missing = [found.hasSBOM ? nil : "SBOM", found.hasProvenance ? nil : "provenance"].compactMap { $0 }
        return result(id, title, missing.isEmpty ? .compliant : .violated,
                      missing.isEmpty ? "SBOM and provenance" : "missing " + missing.joined(separator: " and "))
    }

    func approvedBase(_ base: BaseImageSummary?) -> PolicyResult {
        let id = "approved-base-images", title = "No unapproved base images"
        // Scout reports no data when the base's name is unknown or ambiguous.
        guard let base, let repository = base.base.reference.repository, base.exactLayerMatch else {
            return result(id, title, .noData, "No data")
        }
        guard !settings.approvedBaseImages.isEmpty else { return result(id, title, .compliant, "0 deviations") }
        let qualified = ImageName.qualified(repository)
        let names = [repository, qualified] + (base.base.reference.tag.map { [repository + ":" + $0, qualified + ":" + $0] } ?? [])
        let approved = settings.approvedBaseImages.contains { pattern in names.contains { Glob.matches(pattern, $0) } }
        return result(id, title, approved ? .compliant : .violated, approved ? "0 deviations" : "1 deviation")
    }

    func outdatedBase(_ base: BaseImageSummary?) -> PolicyResult {
        let id = "no-outdated-base-images", title = "No outdated base images"
        guard let base else { return result(id, title, .noData, "No data") }
        if base.refreshed != nil { return result(id, title, .violated, "1 deviation") }
        guard base.upToDate == true else { return result(id, title, .noData, "No data") }
        return result(id, title, .compliant, "0 deviations")
    }

    func nonRoot(_ image: ImageReport) -> PolicyResult {
        let id = "default-non-root-user", title = "Default non-root user"
        let user = (image.sbom.metadata.user ?? "").trimmingCharacters(in: .whitespaces)
        if user.isEmpty { return result(id, title, .violated, "root (implicit)") }
        let name = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? user
        if name == "root" || name == "0" { return result(id, title, .violated, "root (explicit)") }
        return result(id, title, .compliant, "user \(user)")
    }

    func agpl(_ image: ImageReport) -> PolicyResult {
        let packages = Set(image.sbom.packages.filter { $0.licenses.contains(where: Self.isAGPL3) }.map { "\($0.name)@\($0.version)" })
        return result("no-agpl-v3-licenses", "No AGPL v3 licenses", packages.isEmpty ? .compliant : .violated,
                      "\(packages.count) package\(packages.count == 1 ? "" : "s")")
    }

    /// `AGPL-3.0`, `AGPL-3.0-only`, `AGPL-3.0-or-later`, `AGPLv3`, also inside an SPDX expression.
    static func isAGPL3(_ license: String) -> Bool {
        let tokens = license.uppercased().split(whereSeparator: { " ()".contains($0) })
        return tokens.contains { token in
            token == "AGPL-3.0" || token == "AGPL-3.0-ONLY" || token == "AGPL-3.0-OR-LATER" || token == "AGPLV3"
                || token == "AGPL-3.0+" || token == "AGPL3"
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
