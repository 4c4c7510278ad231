import Foundation
import ScoutModel
import Store

/// The synthetic fleet of `benchmarks/history.sh` (issue 15), written straight into a store through
/// its API: IMAGES images in repositories of 4 tags, each image one of 1,000 package sets of 300
/// packages with a few versions of its own, and 200,000 advisories drawn so that about 40 findings
/// match an image (the distribution of `EvaluationBenchmark`). `night(n)` then moves 1 % of the tags
/// to new digests (a rebuilt image: its set with a few packages upgraded) and adds or changes 500
/// advisories, as a night of a real fleet might. Everything comes from seeded generators, so every
/// machine builds the same store; `tags.txt` in the folder keeps which digest each tag points at.
/// Synthetic load, not data to assert on.
struct HistoryFleet {
    /// How many images `create` writes (`night` reads it from `tags.txt`).
    var images: Int
    var folder: URL
    static let packageSets = 1_000
    static let packagesPerImage = 300
    static let advisories = 200_000
    static let changedAdvisoriesPerNight = 500
    static let tagsPerRepository = 4

    var storePath: String { folder.appendingPathComponent("history.sqlite").path }
    private var tagsPath: URL { folder.appendingPathComponent("tags.txt") }

    /// Night `n`'s time: night 0 is the fleet's first scan.
    static func time(night: Int) -> String {
        let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: night, to: Date(timeIntervalSince1970: 1_767_225_600))!
        return ISO8601DateFormatter().string(from: day.addingTimeInterval(2 * 3600))
    }

    /// Writes the store (night 0) and the configuration `scout-report.yml` beside it.
    func create() throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = """
            # Synthetic fleet of benchmarks/history.sh (scout-bench history-create).
            title: History benchmark
            store: history.sqlite
            site: site

            """
        try config.write(to: folder.appendingPathComponent("scout-report.yml"), atomically: true, encoding: .utf8)
        let store = try ScoutStore(path: storePath)
        let at = Self.time(night: 0)
        try store.replaceAdvisories(source: "synthetic", format: "osv", location: "generated", advisories: Self.advisoryRecords(night: 0),
                                    cvss: [], warnings: [], at: at)
        var digests: [String] = []
        for image in 0..<images {
            let digest = Self.digest(image: image, generation: 0)
            try store.saveImage(sbom(image: image, generation: 0, digest: digest), source: "synthetic", at: at)
            digests.append(digest)
        }
        try recordTags(store, digests: digests, repositories: Set(0..<repositoryCount), at: at)
        try digests.joined(separator: "\n").write(to: tagsPath, atomically: true, encoding: .utf8)
    }

    /// Night `night` (1, 2, …): 1 % of the tags move to new digests, 500 advisories added or changed.
    /// Returns the number of tags moved.
    func night(_ night: Int) throws -> Int {
        let store = try ScoutStore(path: storePath)
        let at = Self.time(night: night)
        var digests = try String(contentsOf: tagsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        var random = SplitMix64(seed: 1_000 + UInt64(night))
        var moved = Set<Int>()
        while moved.count < max(1, digests.count / 100) { moved.insert(random.next(below: digests.count)) }
        for image in moved.sorted() {
            let digest = Self.digest(image: image, generation: night)
            try store.saveImage(sbom(image: image, generation: night, digest: digest), source: "synthetic", at: at)
            digests[image] = digest
        }
        try recordTags(store, digests: digests, repositories: Set(moved.map { $0 / Self.tagsPerRepository }), at: at)
        try store.replaceAdvisories(source: "synthetic", format: "osv", location: "generated", advisories: Self.advisoryRecords(night: night),
                                    cvss: [], warnings: [], at: at)
        try digests.joined(separator: "\n").write(to: tagsPath, atomically: true, encoding: .utf8)
        return moved.count
    }

    private var repositoryCount: Int { (images + Self.tagsPerRepository - 1) / Self.tagsPerRepository }

    private func recordTags(_ store: ScoutStore, digests: [String], repositories: Set<Int>, at: String) throws {
        for repository in repositories.sorted() {
            let members = (repository * Self.tagsPerRepository)..<min(digests.count, (repository + 1) * Self.tagsPerRepository)
            let name = "team\(repository % 40)/service-\(repository)"
            let tags = members.map { image in
                ScannedTag(tag: "1.\(image % Self.tagsPerRepository)", digest: digests[image], source: "synthetic://\(name)", at: at)
            }
            try store.recordRepositoryScan(repository: name, tags: tags, warnings: [], analysedAt: at)
        }
    }

    static func digest(image: Int, generation: Int) -> String {
        String(format: "sha256:%016llx%048llx", UInt64(generation), UInt64(image))
    }

    /// Image `image`'s SBOM as built at `generation` (0: first scan; a night's number: rebuilt that night).
    private func sbom(image: Int, generation: Int, digest: String) -> ImageSBOM {
        var packages = Self.packageSet(image % Self.packageSets)
        // Variation: a few packages at versions of this image's own, a few more upgraded per rebuild.
        var random = SplitMix64(seed: UInt64(image) &* 31 &+ UInt64(generation))
        for _ in 0..<(3 + (generation > 0 ? 5 : 0)) {
            let position = random.next(below: packages.count)
            let package = packages[position]
            let version = "\(1 + random.next(below: 5)).\(random.next(below: 20)).\(random.next(below: 10))-r\(random.next(below: 4))"
            packages[position] = Self.package(name: package.name, version: version)
        }
        return ImageSBOM(
            metadata: ImageMetadata(manifestDigest: digest, platform: Platform(os: "linux", architecture: "amd64"),
                                    created: Self.time(night: generation)),
            os: OSRelease(id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19"), packages: packages, warnings: [])
    }

    /// Package set `set`: 300 packages drawn from the names the advisories use.
    static func packageSet(_ set: Int) -> [Package] {
        var random = SplitMix64(seed: 10_000 + UInt64(set))
        var names = Set<Int>()
        var packages: [Package] = []
        while packages.count < packagesPerImage {
            let name = random.next(below: EvaluationBenchmark.namePool)
            guard names.insert(name).inserted else { continue }
            let version = "\(1 + random.next(below: 5)).\(random.next(below: 20)).\(random.next(below: 10))-r\(random.next(below: 4))"
            packages.append(package(name: "pkg\(name)", version: version))
        }
        return packages
    }

    static func package(name: String, version: String) -> Package {
        Package(type: .apk, name: name, version: version, sourceName: name, purl: "pkg:apk/alpine/\(name)@\(version)",
                licenses: ["MIT"], locations: ["lib/apk/db/installed"], cataloger: "apk-db-cataloger")
    }

    /// The advisories as they stand after `night` nights: 200,000 first, then each night 250 changed
    /// (another fixed version) and 250 added.
    static func advisoryRecords(night: Int) -> [Advisory] {
        var random = SplitMix64(seed: 42)
        var records = (0..<advisories).map { advisory(number: $0, random: &random) }
        for past in stride(from: 1, through: night, by: 1) {
            var changes = SplitMix64(seed: 50_000 + UInt64(past))
            for _ in 0..<(changedAdvisoriesPerNight / 2) {
                let position = changes.next(below: records.count)
                records[position] = advisory(number: position, random: &changes)
            }
            for _ in 0..<(changedAdvisoriesPerNight / 2) {
                records.append(advisory(number: records.count, random: &changes))
            }
        }
        return records
    }

    /// Like `EvaluationBenchmark`'s: about 3 % affect the installed versions (fixed only in 9.x).
    private static func advisory(number: Int, random: inout SplitMix64) -> Advisory {
        let name = "pkg\(random.next(below: EvaluationBenchmark.namePool))"
        let major = random.next(below: 100) < 3 ? 9 : 0
        let fixed = "\(major).\(random.next(below: 20)).\(random.next(below: 10))-r\(random.next(below: 4))"
        return Advisory(
            id: "CVE-2099-\(100_000 + number)", summary: "\(name) flaw",
            severity: number % 3 == 0 ? [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] : [],
            affected: [AffectedPackage(ecosystem: "Alpine:v3.19", name: name, ranges: [
                AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed(fixed)]),
            ])])
    }
}
