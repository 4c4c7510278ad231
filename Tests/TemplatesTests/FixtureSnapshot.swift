import Foundation
import ScoutModel

/// Builds a `FleetSnapshot` from the real data in `Tests/Fixtures/templates` (see its README): two
/// Alpine images, their apk packages, the secfixes that match them, CVSS facts from NVD.
enum FixtureSnapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/templates")

    static let generatedAt = "2024-06-01T02:00:00Z"

    static func make() throws -> FleetSnapshot {
        let images = try json("images.json")["images"] as! [String: [String: Any]]
        let nvd = try nvdRecords()
        var reports: [ImageReport] = []
        var skippedNotAffected = 0
        var secfixRecords = 0
        for (archive, release) in [("alpine-310.tar.gz", "3.10"), ("alpine-311.tar.gz", "3.11")] {
            let entry = images[archive]!
            let os = entry["os_release"] as! [String: String]
            let diffID = entry["diff_id"] as! String
            let packages = (entry["packages"] as! [[String: String]]).map { raw in
                Package(
                    type: .apk, name: raw["name"]!, version: raw["version"]!, sourceName: raw["origin"]!,
                    purl: "pkg:apk/alpine/\(raw["name"]!)@\(raw["version"]!)?arch=\(raw["arch"]!)&distro=alpine-\(os["VERSION_ID"]!)",
                    licenses: raw["license"]!.split(separator: " ").map(String.init), layerDiffID: diffID,
                    locations: ["lib/apk/db/installed"], cataloger: "apk-db-cataloger", architecture: raw["arch"]!)
            }
            var findings: [Finding] = []
            let folder = directory.appendingPathComponent("secfixes/\(release)")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let secdb = try json("secfixes/\(release)/\(file)")
                let origin = secdb["name"] as! String
                let secfixes = secdb["secfixes"] as! [String: [String]]
                for (fixed, ids) in secfixes {
                    secfixRecords += ids.count
                    if fixed == "0" { skippedNotAffected += ids.count; continue }
                    for package in packages where package.sourceName == origin && apkLess(package.version, fixed) {
                        for id in ids {
                            let facts = nvd[id]
                            findings.append(Finding(
                                vulnerabilityID: id, package: package,
                                severity: facts.map { Severity(cvssScore: $0.score) } ?? .unspecified,
                                cvssScore: facts?.score, cvssVector: facts?.vector, severitySource: facts == nil ? nil : "NVD",
                                affectedRange: "<\(fixed)", fixedVersions: [fixed], details: facts?.description,
                                references: ["https://nvd.nist.gov/vuln/detail/\(id)"], ecosystem: "Alpine:v\(release)"))
                        }
                    }
                }
            }
            findings.sort { ($0.severity, $0.package.name, $0.vulnerabilityID) < ($1.severity, $1.package.name, $1.vulnerabilityID) }
            let tag = (entry["repo_tag"] as! String).split(separator: ":").last.map(String.init)!
            let layer = LayerInfo(index: 0, digest: diffID, diffID: diffID, size: (entry["layer_size"] as! NSNumber).int64Value,
                                  mediaType: "application/vnd.docker.image.rootfs.diff.tar", createdBy: entry["created_by"] as? String)
            let metadata = ImageMetadata(
                manifestDigest: entry["config_digest"] as! String, configDigest: entry["config_digest"] as? String,
                platform: Platform(os: "linux", architecture: "amd64"), created: entry["created"] as? String,
                size: layer.size, layers: [layer], repoTags: [entry["repo_tag"] as! String])
            let osRelease = OSRelease(id: os["ID"]!, versionID: os["VERSION_ID"], prettyName: os["PRETTY_NAME"])
            reports.append(ImageReport(
                repository: "library/alpine", tags: [tag], source: "archive://images/\(archive)",
                sbom: ImageSBOM(metadata: metadata, os: osRelease, packages: packages, warnings: []),
                findings: findings, firstSeen: "2024-05-30T02:00:00Z"))
        }
        return FleetSnapshot(
            title: "Fixture fleet", generatedAt: generatedAt, images: reports,
            repositories: [
                RepositoryStatus(name: "library/alpine", enabled: true, source: "archive://images", lastAnalysed: "2024-06-01T02:00:00Z", imageCount: 2),
                RepositoryStatus(name: "library/debian", enabled: false, source: "registry://docker.io", imageCount: 0),
            ],
            advisorySources: [
                AdvisorySourceStatus(name: "alpine-secdb", kind: "alpine-secdb", records: secfixRecords, importedAt: "2024-06-01T01:58:00Z",
                                     warnings: [ScanWarning(subject: "secfixes/3.11/busybox.json", message: "\(skippedNotAffected) CVEs listed under \"0\" (not affected in Alpine) were skipped.")]),
                AdvisorySourceStatus(name: "nvd", kind: "nvd", records: try (json("nvd-cves.json")["vulnerabilities"] as! [Any]).count, importedAt: "2024-06-01T01:59:00Z"),
            ],
            runs: [])
    }

    static let runTimes = ["2024-05-30T02:00:00Z", "2024-05-31T02:00:00Z", "2024-06-01T02:00:00Z"]

    /// Three runs of history: per-image trends (3.11 gained two findings and lost one in the last
    /// run), the runs themselves, and a tag history in which 3.11 first pointed at an older digest.
    static func withHistory(_ snapshot: inout FleetSnapshot) {
        for index in snapshot.images.indices {
            let counts = snapshot.images[index].findings.scoutCounts
            var earlier = counts
            earlier.high -= 1
            let is311 = snapshot.images[index].tags == ["3.11"]
            snapshot.images[index].trend = runTimes.enumerated().map { run, time in
                ImageTrendPoint(runID: Int64(run + 1), runAt: time, counts: is311 && run < 2 ? earlier : counts,
                                newFindings: is311 && run == 2 ? 2 : 0, fixedFindings: is311 && run == 2 ? 1 : 0)
            }
            if is311 { snapshot.images[index].fixedSinceLastRun = ["CVE-2019-1547 libcrypto1.1 1.1.1d-r3"] }
        }
        snapshot.runs = runTimes.enumerated().reversed().map { run, time in
            RunSummary(id: Int64(run + 1), startedAt: time, counts: SeverityCounts(critical: 2, high: 34, medium: 12, low: 4),
                       imagesEvaluated: 2, newFindings: run == 2 ? 2 : 0, fixedFindings: run == 2 ? 1 : 0)
        }
        // A team owns the repository; the last run's new findings reach the feeds.
        for index in snapshot.images.indices { snapshot.images[index].owner = Owner(team: "platform", contact: "#platform") }
        snapshot.runChanges = [RunChanges(runID: 3, startedAt: runTimes[2], images: snapshot.images.filter { $0.tags == ["3.11"] }.map { image in
            var changes = RunChanges.ImageChanges(digest: image.digest, repository: "library/alpine", tag: "3.11",
                                                  newFindings: Array(image.findings.prefix(2)), fixed: ["CVE-2019-1547 libcrypto1.1 1.1.1d-r3"])
            changes.owner = Owner(team: "platform", contact: "#platform")
            return changes
        })]
        snapshot.tagHistory = [
            TagRecord(repository: "library/alpine", tag: "3.11", digest: "sha256:0123456789abcdef", since: runTimes[0], until: runTimes[1]),
            TagRecord(repository: "library/alpine", tag: "3.10", digest: snapshot.images[0].digest, since: runTimes[1]),
            TagRecord(repository: "library/alpine", tag: "3.11", digest: snapshot.images[1].digest, since: runTimes[1]),
        ]
    }

    struct CVSSFacts { var score: Double; var vector: String; var description: String? }

    /// Primary CVSS v3.x score, vector and English description per CVE id.
    static func nvdRecords() throws -> [String: CVSSFacts] {
        var result: [String: CVSSFacts] = [:]
        for item in try json("nvd-cves.json")["vulnerabilities"] as! [[String: Any]] {
            let cve = item["cve"] as! [String: Any]
            let metrics = cve["metrics"] as? [String: [[String: Any]]] ?? [:]
            let primary = (metrics["cvssMetricV31"] ?? metrics["cvssMetricV30"] ?? []).first { $0["type"] as? String == "Primary" }
            guard let data = primary?["cvssData"] as? [String: Any] else { continue }
            let description = (cve["descriptions"] as? [[String: String]])?.first { $0["lang"] == "en" }?["value"]
            result[cve["id"] as! String] = CVSSFacts(
                score: (data["baseScore"] as! NSNumber).doubleValue, vector: data["vectorString"] as! String, description: description)
        }
        return result
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Enough of apk's ordering for these fixtures: `1.1.1d-r3` < `1.1.1g-r0`, `1.31.1-r9` < `1.31.1-r10`.
    static func apkLess(_ a: String, _ b: String) -> Bool {
        func tokens(_ version: String) -> [String] {
            var out: [String] = []
            var current = ""
            var digits = false
            for character in version {
                guard character.isLetter || character.isNumber else {
                    if !current.isEmpty { out.append(current) }
                    current = ""
                    continue
                }
                if !current.isEmpty && character.isNumber != digits { out.append(current); current = "" }
                digits = character.isNumber
                current.append(character)
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        let x = tokens(a), y = tokens(b)
        for (p, q) in zip(x, y) where p != q {
            if let m = Int(p), let n = Int(q) { return m < n }
            return p < q
        }
        return x.count < y.count
    }
}
