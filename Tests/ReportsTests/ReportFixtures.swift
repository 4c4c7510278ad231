import Foundation
import ScoutModel

/// Builds the test images from the real data in `Tests/Fixtures/reports` (see its README).
enum ReportFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reports")

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(path)))
    }

    // MARK: NVD

    /// Primary CVSS v3 facts and the English description of one CVE.
    struct NVDFacts {
        var score: Double
        var vector: String
        var description: String?
    }

    static func nvd() throws -> [String: NVDFacts] {
        let root = try json("nvd-cves-subset.json") as! [String: Any]
        var facts: [String: NVDFacts] = [:]
        for entry in root["vulnerabilities"] as! [[String: Any]] {
            let cve = entry["cve"] as! [String: Any]
            let metrics = cve["metrics"] as? [String: Any] ?? [:]
            let all = ["cvssMetricV31", "cvssMetricV30"].flatMap { metrics[$0] as? [[String: Any]] ?? [] }
            guard let primary = all.first(where: { $0["type"] as? String == "Primary" }),
                  let data = primary["cvssData"] as? [String: Any] else { continue }
            let description = (cve["descriptions"] as? [[String: Any]])?
                .first { $0["lang"] as? String == "en" }?["value"] as? String
            facts[cve["id"] as! String] = NVDFacts(
                score: (data["baseScore"] as! NSNumber).doubleValue,
                vector: data["vectorString"] as! String, description: description)
        }
        return facts
    }

    /// A finding with NVD's severity and score when NVD has the CVE, else UNSPECIFIED.
    static func finding(
        _ id: String, aliases: [String] = [], package: Package, fixed: String, ecosystem: String,
        nvd: [String: NVDFacts]
    ) -> Finding {
        let facts = nvd[id]
        return Finding(
            vulnerabilityID: id, aliases: aliases, package: package,
            severity: facts.map { Severity(cvssScore: $0.score) } ?? .unspecified,
            cvssScore: facts?.score, cvssVector: facts?.vector, severitySource: facts == nil ? nil : "NVD",
            affectedRange: "<\(fixed)", fixedVersions: [fixed], details: facts?.description,
            references: [], ecosystem: ecosystem)
    }

    // MARK: Alpine

    /// `alpine:3.10` or `alpine:3.11` from trivy's test archives, matched against vuln-list secfixes.
    static func alpine(_ release: String) throws -> ImageReport {
        let archive = "alpine-\(release.replacingOccurrences(of: ".", with: "")).tar.gz"
        let images = (try json("expected-packages.json") as! [String: Any])["images"] as! [String: Any]
        let info = images[archive] as! [String: Any]
        let osVersion = info["os_release"] as! String
        let diffID = info["diff_id"] as! String
        // Layer sizes from the shared bundle's images/README.md (the uncompressed layer.tar).
        let size: Int64 = release == "3.10" ? 5_818_880 : 5_861_888
        let packages = (info["packages"] as! [[String: String]]).map { entry in
            Package(
                type: .apk, name: entry["name"]!, version: entry["version"]!,
                sourceName: entry["origin"]!,
                purl: "pkg:apk/alpine/\(entry["name"]!)@\(entry["version"]!)?os_name=alpine&os_version=\(release)",
                licenses: entry["license"]!.split(separator: " ").map(String.init),
                layerDiffID: diffID, locations: ["lib/apk/db/installed"], cataloger: "apk-db-cataloger",
                architecture: entry["arch"])
        }
        let nvd = try nvd()
        // The matches the fixtures README lists: every CVE fixed above the installed version.
        let matches: [String: [String]] = release == "3.10"
            ? ["openssl": ["CVE-2020-1967", "CVE-2020-1971", "CVE-2021-23839", "CVE-2021-23840",
                           "CVE-2021-23841", "CVE-2021-3449", "CVE-2021-3450"]]
            : ["openssl": ["CVE-2020-1967", "CVE-2020-1971", "CVE-2021-23839", "CVE-2021-23840",
                           "CVE-2021-23841", "CVE-2021-3449", "CVE-2021-3450", "CVE-2021-3711", "CVE-2021-3712"],
               "busybox": ["CVE-2021-28831", "CVE-2021-42374", "CVE-2021-42378", "CVE-2021-42379",
                           "CVE-2021-42380", "CVE-2021-42381", "CVE-2021-42382", "CVE-2021-42383",
                           "CVE-2021-42384", "CVE-2021-42385", "CVE-2021-42386"],
               "musl": ["CVE-2020-28928"]]
        var findings: [Finding] = []
        for (origin, cves) in matches {
            let secfixes = (try json("alpine-secfixes/\(release)/\(origin).json") as! [String: Any])["secfixes"]
                as! [String: [String]]
            for cve in cves {
                let fixed = secfixes.first { $0.key != "0" && $0.value.contains(cve) }!.key
                for package in packages where package.sourceName == origin {
                    findings.append(finding(cve, package: package, fixed: fixed,
                                            ecosystem: "Alpine:v\(release)", nvd: nvd))
                }
            }
        }
        let metadata = ImageMetadata(
            manifestDigest: info["config_digest"] as! String, configDigest: info["config_digest"] as? String,
            platform: Platform(os: "linux", architecture: "amd64"), created: info["created"] as? String,
            size: size, layers: [LayerInfo(index: 0, digest: diffID, diffID: diffID, size: size)],
            repoTags: [info["repo_tag"] as! String])
        return ImageReport(
            repository: "alpine", tags: [release], source: "archive://\(archive)",
            sbom: ImageSBOM(metadata: metadata, os: OSRelease(id: "alpine", versionID: osVersion),
                            packages: packages, warnings: []),
            findings: sorted(findings))
    }

    // MARK: Debian

    /// The ten Debian 10 source packages of Scout's `postgres:13.1` example.
    static let postgresPackages: [(String, String)] = [
        ("dpkg", "1.19.7"), ("glibc", "2.28-10"), ("gnutls28", "3.6.7-4+deb10u6"), ("libbsd", "0.9.1-2"),
        ("libksba", "1.3.5-2"), ("libtasn1-6", "4.13-3"), ("lz4", "1.8.3-1"),
        ("openldap", "2.4.47+dfsg-3+deb10u5"), ("openssl", "1.1.1d-0+deb10u4"), ("zlib", "1:1.2.11.dfsg-1"),
    ]

    /// `postgres:13.1` reduced to those packages, matched against the buster DSA/DLA records.
    static func postgres() throws -> ImageReport {
        let packages = postgresPackages.map { name, version in
            let encoded = version.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "+", with: "%2B")
            return Package(
                type: .deb, name: name, version: version,
                purl: "pkg:deb/debian/\(name)@\(encoded)?os_distro=buster&os_name=debian&os_version=10",
                locations: ["var/lib/dpkg/status"], cataloger: "dpkg-db-cataloger")
        }
        let byName = Dictionary(uniqueKeysWithValues: packages.map { ($0.name, $0) })
        let nvd = try nvd()
        var findings: [Finding] = []
        let files = try FileManager.default.contentsOfDirectory(
            at: folder.appendingPathComponent("debian-osv"), includingPropertiesForKeys: nil)
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let record = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            for affected in record["affected"] as! [[String: Any]] {
                let package = affected["package"] as! [String: String]
                guard package["ecosystem"] == "Debian:10", let installed = byName[package["name"]!] else { continue }
                let events = (affected["ranges"] as! [[String: Any]]).flatMap { $0["events"] as! [[String: String]] }
                let fixed = events.compactMap { $0["fixed"] }.first!
                for cve in record["aliases"] as! [String] {
                    findings.append(finding(cve, aliases: [record["id"] as! String], package: installed,
                                            fixed: fixed, ecosystem: "Debian:10", nvd: nvd))
                }
            }
        }
        let metadata = ImageMetadata(manifestDigest: "sha256:" + String(repeating: "0", count: 64))
        return ImageReport(
            repository: "postgres", tags: ["13.1"], source: "registry://docker.io/library/postgres:13.1",
            sbom: ImageSBOM(metadata: metadata, os: OSRelease(id: "debian", versionID: "10", codename: "buster"),
                            packages: packages, warnings: []),
            findings: sorted(findings), baseImage: "debian:buster-slim")
    }

    /// ImageReport's documented order: severity, package name, vulnerability id.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted {
            ($0.severity, $0.package.name, $0.vulnerabilityID) < ($1.severity, $1.package.name, $1.vulnerabilityID)
        }
    }
}
