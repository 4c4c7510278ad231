import Foundation
import JSONText
import ScoutModel

/// `index.json`: the fleet in a machine-readable summary, with the relative paths of every page and
/// download. Keys sorted, so the file is stable from run to run.
struct FleetSummaryJSON: Encodable {
    struct Counts: Encodable {
        let critical, high, medium, low, unspecified, total: Int
        init(_ counts: SeverityCounts) {
            critical = counts.critical; high = counts.high; medium = counts.medium
            low = counts.low; unspecified = counts.unspecified; total = counts.total
        }
    }

    struct Image: Encodable {
        let name: String
        let repository: String?
        let tags: [String]
        let digest: String
        let platform: String?
        let os: String?
        let created: String?
        let firstSeen: String?
        let size: Int64
        let packages: Int
        let vulnerabilities: Counts
        let newFindings: Int
        let fixedSinceLastRun: Int
        let baseImage: String?
        let page: String
        let downloads: [String: String]
        /// Why the image's analysis is incomplete (layers or files that could not be read); absent when complete.
        let incomplete: [String]?
        /// The health grade, score and policy results; absent when not evaluated or the analysis is incomplete.
        let health: Health?
    }

    /// Scout's health score of one image: `grade` A–F and `score` 0–100 (null when no policy had data).
    struct Health: Encodable {
        let grade: String?
        let score: Int?
        let policies: [Policy]

        init(_ report: PolicyReport) {
            grade = report.grade
            score = report.percent
            policies = report.results.map(Policy.init)
        }
    }

    /// One policy: Scout's `id`, `status` (`compliant`, `violated`, `unknown` when it had no data) and
    /// `result` (`10C 15H`, `root (implicit)`, `No data`).
    struct Policy: Encodable {
        let id: String
        let title: String
        let status: String
        let result: String
        let note: String?

        init(_ result: PolicyResult) {
            id = result.id
            title = result.title
            switch result.status {
            case .compliant: status = "compliant"
            case .violated: status = "violated"
            case .noData: status = "unknown"
            }
            self.result = result.status == .noData ? "No data" : result.detail
            note = result.note
        }
    }

    struct Repository: Encodable {
        let name: String
        let enabled: Bool?
        let source: String?
        let lastAnalysed: String?
        let latestDigest: String?
        let latestTag: String?
        let images: Int
        let vulnerabilities: Counts?
        /// The base image of its newest image, when one is known.
        let baseImage: String?
        let page: String
    }

    struct Vulnerability: Encodable {
        let id: String
        let severity: String
        let cvssScore: Double?
        let fixAvailable: Bool
        let images: Int
        let page: String
    }

    struct Run: Encodable {
        let id: Int64
        let startedAt: String
        let imagesEvaluated: Int
        let findings: Counts
        let newFindings: Int
        let fixedFindings: Int
    }

    /// The shard files holding the rest of a list longer than `shardSize` (paths relative to the site).
    struct Shards: Encodable, Equatable {
        var images: [String]?
        var repositories: [String]?
        var vulnerabilities: [String]?
    }

    let schema = "scout-report/fleet-summary/v1"
    let title: String
    let generatedAt: String
    let tool: [String: String]
    let totals: Counts
    private(set) var repositories: [Repository]
    private(set) var images: [Image]
    private(set) var vulnerabilities: [Vulnerability]
    let runs: [Run]
    /// Set when a list was split: its first `shardSize` entries stay here, the rest are in these files.
    private(set) var more: Shards?

    /// Entries of one list that `index.json` (or one shard) holds at most: 1,000 images are about 2.7 MB
    /// (measured on benchmarks/history.sh's 10,000-image site).
    static let shardSize = 1_000

    init(_ fleet: FleetIndex, toolVersion: String, downloads formats: [DownloadFormat]) {
        title = fleet.snapshot.title
        generatedAt = fleet.snapshot.generatedAt
        tool = ["name": "scout-report", "version": toolVersion]
        images = fleet.listed.map { fleet.images[$0] }.map { entry in
            let report = entry.report
            var downloads = ["markdown": entry.stem + ".md"]
            for format in formats { downloads[format.label.lowercased()] = entry.stem + format.suffix }
            return Image(
                name: report.displayName, repository: report.repository, tags: report.tags, digest: report.digest,
                platform: report.sbom.metadata.platform?.description, os: report.sbom.os?.prettyName ?? report.sbom.os?.display,
                created: report.sbom.metadata.created, firstSeen: report.firstSeen, size: report.sbom.metadata.size,
                packages: report.sbom.packages.count, vulnerabilities: Counts(entry.counts),
                newFindings: report.findings.filter(\.isNew).count, fixedSinceLastRun: report.fixedSinceLastRun.count,
                baseImage: report.baseImage, page: entry.stem + ".html", downloads: downloads,
                incomplete: report.sbom.isIncomplete ? report.sbom.incompleteReasons.map(\.message) : nil,
                health: report.sbom.isIncomplete ? nil : report.policies.map(Health.init))
        }
        var totals = SeverityCounts()
        repositories = fleet.repositories.filter { !$0.images.isEmpty && !$0.baseOnly }.map { repository in
            let latest = repository.latest.map { fleet.images[$0] }
            if let latest { for severity in Severity.allCases { totals[severity] += latest.counts[severity] } }
            return Repository(
                name: repository.name, enabled: repository.status?.enabled, source: repository.status?.source,
                lastAnalysed: repository.status?.lastAnalysed, latestDigest: latest?.report.digest, latestTag: latest?.report.tags.first,
                images: repository.images.count, vulnerabilities: latest.map { Counts($0.counts) },
                baseImage: latest.flatMap { $0.report.base?.base.reference.displayName ?? $0.report.baseImage }, page: repository.stem + ".html")
        }
        self.totals = Counts(totals)
        vulnerabilities = fleet.vulnerabilities.map {
            Vulnerability(id: $0.id, severity: $0.severity.rawValue, cvssScore: $0.representative.cvssScore,
                          fixAvailable: $0.fixAvailable, images: $0.affected.count, page: $0.stem + ".html")
        }
        runs = fleet.snapshot.runs.sorted { $0.id > $1.id }.map {
            Run(id: $0.id, startedAt: $0.startedAt, imagesEvaluated: $0.imagesEvaluated, findings: Counts($0.counts),
                newFindings: $0.newFindings, fixedFindings: $0.fixedFindings)
        }
    }

    /// The file's text, written through `JSONWriter` (the same bytes as `JSONEncoder` with
    /// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, which `encodedWithFoundation` keeps
    /// for the tests), with a final line break.
    func encoded() throws -> String {
        var json = JSONWriter.document(self, layout: .pretty, capacity: 4096 + images.count * 900 + vulnerabilities.count * 200)
        if let number = json.invalidNumber {
            throw SiteError(reason: .writeFailed, path: "index.json", detail: "\(number) is not a valid JSON number")
        }
        json.endLine()
        return json.text
    }

    /// `index.json` and, when a list is longer than `shardSize`, its shards: `index/images-2.json`,
    /// `index/images-3.json`, … (each a JSON array of the next `shardSize` entries, in the same shape),
    /// listed in order under `more`. A fleet whose lists all fit gets `index.json` alone, as before.
    func files(shardSize: Int = FleetSummaryJSON.shardSize) throws -> [(String, String)] {
        var head = self
        var more = Shards()
        var shards: [(String, String)] = []
        func split<Entry: JSONWritable>(_ list: [Entry], _ name: String) throws -> ([Entry], [String]?) {
            guard list.count > shardSize else { return (list, nil) }
            var paths: [String] = []
            for start in stride(from: shardSize, to: list.count, by: shardSize) {
                let path = "index/\(name)-\(start / shardSize + 1).json"
                var json = JSONWriter.document(Array(list[start..<min(list.count, start + shardSize)]), layout: .pretty, capacity: shardSize * 900)
                if let number = json.invalidNumber {
                    throw SiteError(reason: .writeFailed, path: path, detail: "\(number) is not a valid JSON number")
                }
                json.endLine()
                shards.append((path, json.text))
                paths.append(path)
            }
            return (Array(list.prefix(shardSize)), paths)
        }
        (head.images, more.images) = try split(images, "images")
        (head.repositories, more.repositories) = try split(repositories, "repositories")
        (head.vulnerabilities, more.vulnerabilities) = try split(vulnerabilities, "vulnerabilities")
        head.more = more == Shards() ? nil : more
        return [("index.json", try head.encoded())] + shards
    }

    /// Whether `files()` writes shards for this fleet (their folder, `index/`, is made beforehand).
    static func needsShards(_ fleet: FleetIndex) -> Bool {
        fleet.listed.count > shardSize || fleet.repositories.count > shardSize || fleet.vulnerabilities.count > shardSize
    }

    /// `encoded()` through Foundation's `JSONEncoder`: the reference the tests compare with.
    func encodedWithFoundation() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
