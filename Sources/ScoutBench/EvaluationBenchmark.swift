import Foundation
import Pipeline
import ScoutModel
import Store

/// Re-evaluation of a synthetic fleet: N images × M packages against K advisories, all from one seeded
/// generator so that runs compare. Only the store and the evaluation are timed, as a nightly run does them.
struct EvaluationBenchmark {
    var images: Int
    var packagesPerImage: Int
    var advisories: Int
    /// More advisories, for packages no image has (a bigger database, the same matches).
    var otherAdvisories = 0
    var folder: URL

    struct Figures {
        var seconds: Double
        var findings: Int
        /// CPU seconds per stage, every thread summed (less sensitive to other load on the machine).
        var stages: [(String, Double)]
        /// Wall seconds per stage.
        var wallStages: [(String, Double)]
    }

    /// Package names shared by advisories and images: each installed name has a few advisories, and
    /// about 3 % of those affect the installed version (about 40 findings per 300-package image).
    static let namePool = 50_000

    func run() throws -> Figures {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try ScoutStore(path: folder.appendingPathComponent("bench.sqlite").path)
        var random = SplitMix64(seed: 42)

        var records: [Advisory] = []
        records.reserveCapacity(advisories)
        for number in 0..<advisories {
            let name = "pkg\(random.next(below: Self.namePool))"
            // Most advisories were fixed long before the installed versions (0.x); a few are not (9.x).
            let major = random.next(below: 100) < 3 ? 9 : 0
            let fixed = "\(major).\(random.next(below: 20)).\(random.next(below: 10))-r\(random.next(below: 4))"
            records.append(Advisory(
                id: "CVE-2099-\(100_000 + number)", summary: "\(name) flaw",
                severity: number % 3 == 0 ? [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] : [],
                affected: [AffectedPackage(ecosystem: "Alpine:v3.19", name: name, ranges: [
                    AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed(fixed)]),
                ])]))
        }
        // Their own generator, so that the fleet and its matches stay the same.
        var other = SplitMix64(seed: 7)
        for number in 0..<otherAdvisories {
            let name = "other\(other.next(below: Self.namePool))"
            records.append(Advisory(
                id: "CVE-2098-\(100_000 + number)", summary: "\(name) flaw",
                affected: [AffectedPackage(ecosystem: "Alpine:v3.19", name: name, ranges: [
                    AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("1.\(other.next(below: 20)).0-r0")]),
                ])]))
        }
        try store.replaceAdvisories(source: "synthetic", format: "osv", location: "generated", advisories: records, cvss: [], warnings: [], at: "2026-01-01T00:00:00Z")

        // Images share a base of half their packages, as fleets built on a few bases do.
        let base = (0..<(packagesPerImage / 2)).map { _ in randomPackage(&random) }
        for image in 0..<images {
            var packages = base
            for _ in 0..<(packagesPerImage - base.count) { packages.append(randomPackage(&random)) }
            let sbom = ImageSBOM(
                metadata: ImageMetadata(manifestDigest: String(format: "sha256:%064x", image)),
                os: OSRelease(id: "alpine", versionID: "3.19.1"), packages: packages, warnings: [])
            try store.saveImage(sbom, source: "synthetic", at: "2026-01-01T00:00:00Z")
        }

        let start = Date()
        var stages: [(String, Double)] = []
        var wallStages: [(String, Double)] = []
        var mark = cpuSeconds()
        var wallMark = Date()
        func stage(_ name: String) {
            let now = cpuSeconds()
            stages.append((name, now - mark))
            mark = now
            wallStages.append((name, Date().timeIntervalSince(wallMark)))
            wallMark = Date()
        }
        let (evaluator, stored) = try Evaluator.loading(store: store)
        stage("index + read-sboms")
        var findings: [String: [Finding]] = [:]
        for (image, result) in zip(stored, evaluator.evaluate(stored.map(\.sbom))) {
            findings[image.sbom.metadata.manifestDigest] = result.findings
        }
        stage("match")
        try store.recordRun(startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z",
                            advisorySnapshot: evaluator.snapshot, findings: findings, warnings: [:])
        stage("record")
        let seconds = Date().timeIntervalSince(start)
        return Figures(seconds: seconds, findings: findings.values.map(\.count).reduce(0, +), stages: stages, wallStages: wallStages)
    }

    private func randomPackage(_ random: inout SplitMix64) -> Package {
        let name = "pkg\(random.next(below: Self.namePool))"
        let version = "\(1 + random.next(below: 5)).\(random.next(below: 20)).\(random.next(below: 10))-r\(random.next(below: 4))"
        return Package(type: .apk, name: name, version: version, sourceName: name,
                       purl: "pkg:apk/alpine/\(name)@\(version)", licenses: ["MIT"],
                       locations: ["lib/apk/db/installed"], cataloger: "apk-db-cataloger")
    }
}

/// A small seeded generator (SplitMix64), so every run builds the same fleet.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// CPU time of this process, in seconds.
func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
