import Foundation
import ScoutModel

/// Six runs' inputs over three images, with what each run must answer computed from the inputs alone
/// (the rules the v1 layout kept a row a night for): findings appear, change severity or record, are
/// suppressed and unsuppressed, disappear and come back; an image leaves and returns; one night repeats
/// the one before but for an EPSS score (which changes every night).
struct FindingHistoryScenario {
    static let starts = (1...6).map { "2026-03-0\($0)T02:00:00Z" }

    static func package(_ name: String) -> Package {
        Package(type: .apk, name: name, version: "1.0-r0", purl: "pkg:apk/alpine/\(name)@1.0-r0", licenses: ["MIT"],
                locations: ["lib/apk/db/installed"], cataloger: "apk-db-cataloger")
    }

    static func finding(_ id: String, _ name: String, _ severity: Severity, kev: Bool = false, suppressed: Bool = false,
                        summary: String? = nil) -> Finding {
        Finding(vulnerabilityID: id, package: package(name), severity: severity, affectedRange: "<1.1", fixedVersions: ["1.1-r0"],
                summary: summary, ecosystem: "Alpine:v3.20", kev: kev ? KEVEntry(cveID: id) : nil,
                suppression: suppressed ? Suppression(kind: .vex, status: "not_affected", source: "vex.json") : nil)
    }

    /// Each night's findings per image, most urgent first as the nightly job records them.
    static let nights: [[String: [Finding]]] = {
        let a = "sha256:aaaa", b = "sha256:bbbb", c = "sha256:cccc"
        let cve1High = finding("CVE-2026-0001", "musl", .high)
        let cve2Low = finding("CVE-2026-0002", "zlib", .low)
        let cve3Suppressed = finding("CVE-2026-0003", "busybox", .medium, suppressed: true)
        let cve4 = finding("CVE-2026-0004", "openssl", .critical)
        let cve5 = finding("CVE-2026-0005", "curl", .low, kev: true, summary: "first text")
        var nights: [[String: [Finding]]] = [
            [a: [cve1High, cve2Low, cve3Suppressed], b: [cve1High]],
            [a: [cve1High, cve2Low, cve3Suppressed], b: [cve1High, cve4]],
            // CVE-1 re-rated critical in a; CVE-2 fixed; b leaves; c arrives.
            [a: [finding("CVE-2026-0001", "musl", .critical), cve3Suppressed], c: [cve5]],
            // CVE-2 comes back; CVE-3 no longer suppressed; b returns; c's record changes.
            [a: [finding("CVE-2026-0001", "musl", .critical), finding("CVE-2026-0003", "busybox", .medium), cve2Low],
             b: [cve1High], c: [finding("CVE-2026-0005", "curl", .low, kev: true, summary: "second text")]],
        ]
        nights.append(nights[3])
        nights.append([a: [], c: nights[3][c]!])
        // CVE-1's EPSS score changes every night (as FIRST's daily file does), the finding otherwise not.
        return nights.enumerated().map { index, night in
            night.mapValues { list in
                list.map { finding in
                    guard finding.vulnerabilityID == "CVE-2026-0001" else { return finding }
                    var finding = finding
                    finding.epss = EPSSScore(cveID: "CVE-2026-0001", score: 0.01 * Double(index + 1), percentile: 0.5, date: "2026-03-0\(index + 1)")
                    return finding
                }.sortedByPriority()
            }
        }
    }()

    struct ExpectedRun {
        var findings: [String: [Finding]]
        var counts: SeverityCounts
        var newFindings: Int
        var fixedFindings: Int
    }

    /// What each night must read back: first seen is the start of the run from which the image has had the
    /// key without a gap, new means the run before did not have it (nothing is new in the first run),
    /// fixed counts the keys the run before had for an image this run evaluates and no longer has.
    static let expected: [ExpectedRun] = {
        var result: [ExpectedRun] = []
        var previous: [String: String]?   // digest|key → first seen
        for (index, night) in nights.enumerated() {
            var stamped: [String: [Finding]] = [:]
            var seen: [String: String] = [:]
            var counts = SeverityCounts()
            var new = 0
            for (digest, list) in night {
                stamped[digest] = list.map { finding in
                    var finding = finding
                    let earlier = previous?["\(digest)|\(finding.key)"]
                    finding.firstSeen = earlier ?? starts[index]
                    finding.isNew = previous != nil && earlier == nil
                    if finding.suppression == nil {
                        counts[finding.severity] += 1
                        if finding.isNew { new += 1 }
                    }
                    seen["\(digest)|\(finding.key)"] = finding.firstSeen
                    return finding
                }
            }
            let fixed = (previous ?? [:]).keys.filter { identity in
                night[String(identity.prefix { $0 != "|" })] != nil && seen[identity] == nil
            }.count
            result.append(ExpectedRun(findings: stamped, counts: counts, newFindings: new, fixedFindings: fixed))
            previous = seen
        }
        return result
    }()
}
