import Catalogers
import Foundation
import ScoutModel
import Testing
import Vulnerabilities

/// Packages cataloged from the real rootfs fixtures, matched through `Matcher` against real PyPI (OSV YAML)
/// and GitHub-reviewed (npm, Maven) advisories; the expected matches are those the advisory READMEs list.
@Suite struct LanguageAdvisoryMatchingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let index: AdvisoryIndex = {
        let pypi = try! AdvisoryLoader.load(format: .osv, path: fixtures.appendingPathComponent("advisories/osv-pypi").path)
        let ghsa = try! AdvisoryLoader.load(format: .osv, path: fixtures.appendingPathComponent("advisories/ghsa").path)
        return AdvisoryIndex(sources: [("pypa", pypi.advisories), ("ghsa", ghsa.advisories)], cvss: [])
    }()

    /// Every file of the rootfs cases, as one layer (what a layer reader would keep).
    static func catalog(_ cases: [String]) throws -> CatalogResult {
        var files: [String: [UInt8]] = [:]
        for name in cases {
            let folder = fixtures.appendingPathComponent("rootfs/\(name)")
            let base = folder.standardizedFileURL.path + "/"
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = enumerator?.nextObject() as? URL {
                guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
                let path = String(url.standardizedFileURL.path.dropFirst(base.count))
                if Cataloging.wants(path) { files[path] = [UInt8](try Data(contentsOf: url)) }
            }
        }
        return Cataloging.catalog(layers: [LayerFiles(diffID: "sha256:" + String(repeating: "b", count: 64), files: files)])
    }

    static func match(_ cases: [String]) throws -> (packages: [Package], ids: [String: Set<String>], warnings: [ScanWarning]) {
        let result = try catalog(cases)
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:test"), os: nil, packages: result.packages, warnings: [])
        let matched = Matcher.match(sbom, against: index)
        let ids = Dictionary(grouping: matched.findings, by: { "\($0.package.name) \($0.package.version)" })
            .mapValues { Set($0.flatMap { [$0.vulnerabilityID] + $0.aliases }) }
        return (result.packages, ids, matched.warnings)
    }

    @Test func pythonPackagesMatchPyPIAdvisories() throws {
        let (packages, ids, warnings) = try Self.match(["syft-python-site-packages", "scalibr-python-wheelegg"])
        #expect(warnings.isEmpty)
        #expect(packages.count == 9)
        #expect(ids["requests 2.22.0"]?.contains("PYSEC-2023-74") == true)
        #expect(ids["requests 2.22.0"]?.contains("CVE-2023-32681") == true)
        #expect(ids["pip 22.2.2"]?.contains("PYSEC-2023-228") == true)
        #expect(ids["setuptools 57.4.0"]?.contains("PYSEC-2022-43012") == true)
        #expect(ids["Pygments 2.6.1"] == nil)
        #expect(ids["pyOpenSSL 26.0.0"] == nil)
        // Older records fixed before these versions do not match.
        #expect(ids["requests 2.22.0"]?.contains("PYSEC-2014-13") == false)
    }

    @Test func npmLockPackagesMatchGHSA() throws {
        let (_, ids, warnings) = try Self.match(["syft-npm-package-lock-v1"])
        #expect(warnings.isEmpty)
        #expect(ids["minimist 0.0.10"]?.isSuperset(of: ["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"]) == true)
        #expect(ids["ansi-regex 3.0.0"]?.contains("GHSA-93q8-gq69-wqmw") == true)
        #expect(ids["@actions/core 1.6.0"]?.contains("GHSA-7r3h-m5j6-3q42") == true)
        #expect(Set(ids.keys) == ["minimist 0.0.10", "ansi-regex 3.0.0", "@actions/core 1.6.0"])
    }

    @Test func mavenArtifactsMatchGHSAByGroupAndArtifact() throws {
        let (packages, ids, warnings) = try Self.match(["scalibr-java-guava", "syft-java-jar-metadata"])
        #expect(warnings.isEmpty)
        #expect(packages.map(\.name).contains("com.google.guava:guava"))
        #expect(ids["com.google.guava:guava 31.1-jre"]?.contains("GHSA-7g45-4rm6-3mm3") == true)
        #expect(ids["com.google.guava:guava 31.1-jre"]?.contains("CVE-2023-2976") == true)
        // jackson-core 2.15.2 and api-all 2.0.0 have no record in this subset.
        #expect(Set(ids.keys) == ["com.google.guava:guava 31.1-jre"])
    }
}
