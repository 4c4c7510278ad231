import Mustache
import ScoutModel

/// The exploitability, novelty and suppression facts of one finding (template part `partials/feeds-finding`).
enum FindingFeedFields {
    static func make(_ finding: Finding, escape: Escaper) -> [String: Any] {
        var fields: [String: Any] = [:]
        if let epss = finding.epss {
            fields["epssScore"] = escape(epss.scoreDisplay)
            fields["epssPercentile"] = escape(epss.percentileDisplay)
            fields["hasEPSS"] = true
        }
        if let kev = finding.kev {
            fields["kev"] = escape(kev.dateAdded.map { "listed since \($0)" } ?? "listed")
            if let ransomware = kev.knownRansomwareCampaignUse, ransomware.lowercased() == "known" {
                fields["kevRansomware"] = true
            }
        }
        if finding.isNew { fields["isNew"] = true }
        if let firstSeen = finding.firstSeen { fields["firstSeen"] = escape(Format.time(firstSeen)) }
        return fields
    }
}

/// What changed for an image and what is suppressed in it (template part `partials/feeds-image`).
struct ImageFeedsView {
    var fields: [String: Any] = [:]

    init(_ image: ImageReport, escape: Escaper) {
        let new = Self.onePerSourcePackage(image.newFindings)
        fields["newCount"] = String(new.count)
        fields["hasNew"] = !new.isEmpty
        fields["newFindings"] = new.map { ChangeRowView(finding: $0, escape: escape) }
        fields["fixedCount"] = String(image.fixedSinceLastRun.count)
        fields["hasFixed"] = !image.fixedSinceLastRun.isEmpty
        fields["fixedFindings"] = image.fixedSinceLastRun.map { escape($0) }
        fields["hasChanges"] = !new.isEmpty || !image.fixedSinceLastRun.isEmpty
        fields["hasPreviousRun"] = image.trend.count > 1
        let suppressed = Self.onePerSourcePackage(image.suppressed)
        fields["suppressedCount"] = String(suppressed.count)
        fields["hasSuppressed"] = !suppressed.isEmpty
        fields["suppressedFindings"] = suppressed.map { ChangeRowView(finding: $0, escape: escape) }
        let trend = image.trend.reversed().map { TrendRowView($0, escape: escape) }
        fields["trend"] = Array(trend)
        fields["hasTrend"] = !trend.isEmpty
    }
}

extension ImageFeedsView {
    /// One finding per vulnerability per source package (as Scout counts), worst first.
    static func onePerSourcePackage(_ findings: [Finding]) -> [Finding] {
        var seen: Set<String> = []
        return findings
            .sorted { ($0.severity, $0.vulnerabilityID, $0.package.name) < ($1.severity, $1.vulnerabilityID, $1.package.name) }
            .filter { seen.insert("\($0.vulnerabilityID)|\($0.package.matchName)|\($0.package.matchVersion)").inserted }
    }
}

/// A finding in a short list: new since the last run, or suppressed.
struct ChangeRowView: MustacheParent {
    var values: [String: Any]

    init(finding: Finding, escape: Escaper) {
        values = [
            "id": escape(finding.vulnerabilityID),
            "level": finding.severity.rawValue,
            "severityLabel": finding.severity.rawValue.capitalized,
            "package": escape(finding.package.matchName),
            "version": escape(finding.package.matchVersion),
            "fixed": escape(finding.fixedVersionDisplay),
        ]
        if let suppression = finding.suppression {
            values["suppression"] = escape(suppression.display)
            values["suppressionKind"] = suppression.kind == .vex ? "VEX" : "Ignored"
            values["suppressionSource"] = escape(suppression.source)
        }
    }

    func child(named name: String) -> Any? { values[name] }
}

/// One run in an image's trend, newest first.
struct TrendRowView: MustacheParent {
    var values: [String: Any]

    init(_ point: ImageTrendPoint, escape: Escaper) {
        values = [
            "run": String(point.runID),
            "time": escape(Format.time(point.runAt)),
            "critical": String(point.counts.critical),
            "high": String(point.counts.high),
            "medium": String(point.counts.medium),
            "low": String(point.counts.low),
            "unspecified": String(point.counts.unspecified),
            "total": String(point.counts.total),
            "new": String(point.newFindings),
            "fixed": String(point.fixedFindings),
            "suppressed": String(point.suppressed),
        ]
    }

    func child(named name: String) -> Any? { values[name] }
}
