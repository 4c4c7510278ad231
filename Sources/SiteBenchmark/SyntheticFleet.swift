import ScoutModel

/// A deterministic synthetic fleet shaped like a real one: repositories of several tags built on a
/// few distributions, packages and advisories drawn from shared pools (so that images share
/// packages and vulnerabilities as real fleets do), several runs of history.
struct SyntheticFleet {
    var images = 1000
    var packagesPerImage = 300
    var findingsPerImage = 40
    var tagsPerRepository = 4
    var runs = 10

    /// A 64-bit linear congruential generator: the same fleet on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 17
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// FNV-1a: a stable hash (Swift's `Hasher` is seeded per process).
    static func hash(_ text: String) -> Int {
        var value: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
        return Int(value % UInt64(Int.max))
    }

    func make() -> FleetSnapshot {
        var random = Generator(state: 42)
        let distributions: [(OSRelease, PackageType, String)] = [
            (OSRelease(id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"), .deb, "Debian:12"),
            (OSRelease(id: "alpine", versionID: "3.19.1", prettyName: "Alpine Linux v3.19"), .apk, "Alpine:v3.19"),
            (OSRelease(id: "ubuntu", versionID: "22.04", codename: "jammy", prettyName: "Ubuntu 22.04.4 LTS"), .deb, "Ubuntu:22.04"),
        ]
        let languages: [PackageType] = [.npm, .pypi, .golang, .maven, .gem, .cargo]
        // Pools: 600 OS packages per distribution, 3,000 language packages, each with 4 versions.
        func osPool(_ distribution: Int) -> [Package] {
            let (os, type, _) = distributions[distribution]
            return (0..<600).map { n in
                let name = "lib\(os.id)-pkg\(n)"
                return Package(type: type, name: name, version: "\(n % 7 + 1).\(n % 13).\(n % 5)-\(distribution + 1)",
                               sourceName: "src\(n / 3)", purl: "pkg:\(type.rawValue)/\(os.id)/\(name)@\(n % 7 + 1).\(n % 13)",
                               licenses: n % 4 == 0 ? ["GPL-2.0-or-later", "LGPL-2.1"] : ["MIT"], cataloger: "\(type.rawValue)-db-cataloger")
            }
        }
        let osPools = (0..<distributions.count).map(osPool)
        let languagePool: [Package] = (0..<3000).map { n in
            let type = languages[n % languages.count]
            let name = "\(type.rawValue)-module-\(n)"
            return Package(type: type, name: name, version: "\(n % 9).\(n % 11).\(n % 3)", purl: "pkg:\(type.rawValue)/\(name)@\(n % 9).\(n % 11)",
                           licenses: n % 3 == 0 ? ["Apache-2.0"] : ["MIT"], cataloger: "\(type.rawValue)-cataloger")
        }
        // 4,000 advisories with Markdown details and references.
        let advisories: [(id: String, score: Double, details: String, fixed: Bool)] = (0..<4000).map { n in
            let score = Double(10 + (n * 37) % 91) / 10
            let details = """
                A flaw was found in the **component \(n % 97)** parser: a crafted input of more than `\(n % 4096)` bytes \
                causes an out-of-bounds read, which may allow a remote attacker to crash the service or read memory.

                - Affected: versions before the fix listed below
                - See [the advisory](https://security.example.org/advisories/\(n)) for the upstream patch.
                """
            return ("CVE-20\(20 + n % 6)-\(10000 + n)", score, details, n % 3 != 0)
        }

        var reports: [ImageReport] = []
        var history: [TagRecord] = []
        let repositoryCount = (images + tagsPerRepository - 1) / tagsPerRepository
        let runTimes = (0..<runs).map { "2026-01-\(String(format2: $0 + 1))T02:00:00Z" }
        for index in 0..<images {
            let repository = "team\(index / tagsPerRepository % 40)/service-\(index / tagsPerRepository)"
            let tagNumber = index % tagsPerRepository
            let distribution = (index / tagsPerRepository) % distributions.count
            let (os, _, ecosystem) = distributions[distribution]
            let hex = (0..<4).map { _ in String(random.next(), radix: 16) }.joined()
            let digest = "sha256:" + String((hex + String(repeating: "0", count: 64)).prefix(64))
            let layerCount = 5
            let layers = (0..<layerCount).map { n in
                LayerInfo(index: n, digest: "sha256:\(String(format2: n))\(hex.prefix(60))", diffID: "sha256:\(String(format2: n))d\(hex.prefix(59))",
                          size: Int64(1_000_000 * (n + 1) + random.below(900_000)),
                          createdBy: n == 0 ? "ADD file:\(hex.prefix(20)) in / " : "RUN /bin/sh -c apt-get install -y step-\(n) # buildkit")
            }
            var packages: [Package] = []
            let osCount = packagesPerImage * 2 / 3
            // Tags of one repository share almost all packages: each newer tag shifts the windows a little.
            var repositoryRandom = Generator(state: UInt64(index / tagsPerRepository) &* 7919 &+ 1)
            let osStart = repositoryRandom.below(600 - osCount - 4 * tagsPerRepository) + 2 * tagNumber
            for n in 0..<osCount {
                var package = osPools[distribution][osStart + n]
                package.layerDiffID = layers[n < osCount / 2 ? 0 : 1].diffID
                packages.append(package)
            }
            let languageStart = repositoryRandom.below(3000 - packagesPerImage - 4 * tagsPerRepository) + 2 * tagNumber
            for n in 0..<(packagesPerImage - osCount) {
                var package = languagePool[languageStart + n]
                package.layerDiffID = layers[2 + n % (layerCount - 2)].diffID
                packages.append(package)
            }
            var findings: [Finding] = []
            for n in 0..<findingsPerImage {
                // A package's vulnerabilities depend on the package only, as with real advisories.
                let package = packages[(n * 7) % packages.count]
                let advisory = advisories[Self.hash(package.name + package.version) % advisories.count]
                findings.append(Finding(
                    vulnerabilityID: advisory.id, aliases: ["GHSA-\(advisory.id.suffix(5))-xxxx-yyyy"], package: package,
                    severity: Severity(cvssScore: advisory.score), cvssScore: advisory.score,
                    cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", severitySource: "NVD",
                    affectedRange: "<\(package.version)-fix", fixedVersions: advisory.fixed ? ["\(package.version)-fix"] : [],
                    summary: nil, details: advisory.details,
                    references: ["https://nvd.nist.gov/vuln/detail/\(advisory.id)", "https://security.example.org/\(advisory.id)"],
                    ecosystem: package.type.isOSPackage ? ecosystem : package.type.rawValue, firstSeen: runTimes[0], isNew: n == 0))
            }
            findings.sort { ($0.severity, $0.package.name, $0.vulnerabilityID) < ($1.severity, $1.package.name, $1.vulnerabilityID) }
            let counts = findings.scoutCounts
            let trend = runTimes.enumerated().map { run, time in
                var point = counts
                point.low += max(0, runs - run - 1)
                return ImageTrendPoint(runID: Int64(run + 1), runAt: time, counts: point, newFindings: run == runs - 1 ? 1 : 0, fixedFindings: run > 0 ? 1 : 0)
            }
            let tag = "1.\(tagNumber)"
            let seen = runTimes[min(runs - 1, tagNumber * 2)]
            history.append(TagRecord(repository: repository, tag: tag, digest: digest, since: seen))
            reports.append(ImageReport(
                repository: repository, tags: [tag], source: "registry://registry.example.org/\(repository):\(tag)",
                sbom: ImageSBOM(
                    metadata: ImageMetadata(manifestDigest: digest, configDigest: "sha256:c\(hex.prefix(63))",
                                            platform: Platform(os: "linux", architecture: index % 5 == 0 ? "arm64" : "amd64"),
                                            created: "2025-12-\(String(format2: 1 + tagNumber))T10:00:00Z", user: index % 2 == 0 ? "app" : nil,
                                            size: layers.reduce(0) { $0 + $1.size }, layers: layers),
                    os: os, packages: packages, warnings: index % 50 == 0 ? [ScanWarning(subject: "usr/lib/node_modules/x/package.json", message: "Failed to parse the manifest: unexpected end of input.")] : []),
                findings: findings, firstSeen: seen, trend: trend, fixedSinceLastRun: ["CVE-2019-0001 openssl 1.0"]))
        }
        let repositories = (0..<repositoryCount).map { n in
            RepositoryStatus(name: "team\(n % 40)/service-\(n)", enabled: true, source: "registry.example.org",
                             lastAnalysed: runTimes.last, imageCount: tagsPerRepository)
        }
        let runSummaries = runTimes.enumerated().reversed().map { run, time in
            RunSummary(id: Int64(run + 1), startedAt: time, counts: SeverityCounts(critical: 4000, high: 12000, medium: 16000, low: 8000),
                       imagesEvaluated: images, newFindings: run == runs - 1 ? images : 0, fixedFindings: images)
        }
        return FleetSnapshot(
            title: "Synthetic fleet", generatedAt: runTimes.last!, images: reports, repositories: repositories,
            advisorySources: [AdvisorySourceStatus(name: "osv", kind: "osv", records: advisories.count, importedAt: runTimes.last)],
            runs: runSummaries, tagHistory: history)
    }
}

extension String {
    /// Two digits: `7` → `07`.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : String(value)
    }
}
