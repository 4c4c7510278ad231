import Foundation
import ScoutModel

/// A fleet built from the fixture's real Alpine findings for issue 16's dashboard checks: repositories
/// whose names differ only in numbers, ties, a KEV finding, unfixable criticals, grades from A to N/A,
/// a base image with a refresh, a repository disabled by `repo disable`, and a finding with no text.
enum DashboardFleet {
    static let refreshedDigest = "sha256:" + String(repeating: "f", count: 64)

    static func make() throws -> FleetSnapshot {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        let alpine311 = snapshot.images[1]
        precondition(alpine311.tags == ["3.11"])
        func copy(_ repository: String, _ number: Int, _ change: ([Finding]) -> [Finding]) -> ImageReport {
            var image = alpine311
            image.repository = repository
            image.tags = ["1.\(number)"]
            image.sbom.metadata.manifestDigest = "sha256:" + String(repeating: String(number % 10), count: 60) + String(format: "%04d", number)
            image.findings = change(image.findings)
            image.fixedSinceLastRun = []
            image.trend = [ImageTrendPoint(runID: 3, runAt: FixtureSnapshot.runTimes[2], counts: image.findings.scoutCounts, newFindings: 0, fixedFindings: 0)]
            image.base = BaseImageSummary(
                base: BaseImageCandidate(reference: BaseImageReference(repository: "library/alpine", tag: "3.11", digest: alpine311.digest),
                                         counts: alpine311.findings.scoutCounts),
                method: .layers, autoDetected: true,
                refreshed: BaseImageCandidate(reference: BaseImageReference(repository: "library/alpine", tag: "3.11", digest: refreshedDigest),
                                              created: "2024-05-31T00:00:00Z"))
            return image
        }
        let unfixable = copy("team/app10", 10) { findings in findings.map { var f = $0; f.fixedVersions = []; return f } }
        let known = copy("team/app2", 2) { findings in
            findings.filter { $0.severity == .high }.enumerated().map { offset, finding in
                var f = finding
                if offset == 0 { f.kev = KEVEntry(cveID: f.vulnerabilityID, dateAdded: "2024-01-01") }
                f.epss = EPSSScore(cveID: f.vulnerabilityID, score: 0.4321, percentile: 0.97, date: "2024-06-01")
                return f
            }
        }
        let mild: ([Finding]) -> [Finding] = { findings in
            var kept = findings.filter { $0.severity == .medium || $0.severity == .low }
            kept[0].summary = nil
            kept[0].details = nil
            return kept
        }
        var images = snapshot.images + [unfixable, known, copy("team/app1", 1, mild), copy("team/svc10", 11, mild), copy("team/svc9", 9, mild)]
        images[1].policies = PolicyReport(results: [
            PolicyResult(id: "fixable-critical-high", title: "No fixable critical or high vulnerabilities", status: .violated, points: 20,
                         detail: "1C 13H", counts: SeverityCounts(critical: 1, high: 13),
                         note: "1 fixable critical or high vulnerability has no known publication date: its age counts from when scout-report first saw it"),
            PolicyResult(id: "supply-chain-attestations", title: "Supply chain attestations", status: .noData, points: 15, detail: "No data"),
            PolicyResult(id: "default-non-root-user", title: "Default non-root user", status: .compliant, points: 5, detail: "user app"),
        ], grade: "E", percent: 20)
        images[3].policies = PolicyReport(results: [
            PolicyResult(id: "default-non-root-user", title: "Default non-root user", status: .compliant, points: 5, detail: "user app"),
        ], grade: "A", percent: 100)
        images[4].policies = PolicyReport(results: [
            PolicyResult(id: "default-non-root-user", title: "Default non-root user", status: .violated, points: 5, detail: "root (implicit)"),
            PolicyResult(id: "no-agpl-v3-licenses", title: "No AGPL v3 licenses", status: .compliant, points: 5, detail: "0 packages"),
        ], grade: "C", percent: 50)
        snapshot.images = images
        snapshot.repositories += ["team/app1", "team/app10", "team/app2", "team/svc10", "team/svc9"].map {
            RepositoryStatus(name: $0, enabled: true, source: "registry://registry.example.com", lastAnalysed: FixtureSnapshot.runTimes[2], imageCount: 1,
                             stateOrigin: .config, configEnabled: true)
        }
        snapshot.repositories += [
            RepositoryStatus(name: "team/retired", enabled: false, source: "registry://registry.example.com", stateOrigin: .command, configEnabled: true),
            RepositoryStatus(name: "team/found", enabled: false, source: "registry://registry.example.com", stateOrigin: .discovered),
        ]
        return snapshot
    }
}
