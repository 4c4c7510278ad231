import ScoutModel
import Testing
@testable import Vulnerabilities

/// One rule in every ecosystem (issue 19, point 4): a version that cannot be read, installed or in an
/// advisory, gives a "could not compare" warning, never a silent "vulnerable" or "not vulnerable".
@Suite struct UncomparableVersionTests {
    struct Case: Sendable, CustomStringConvertible {
        var type: PackageType
        var os: OSRelease?
        /// Older than `fixed`, so affected by `introduced 0, fixed`.
        var installed: String
        var fixed: String
        /// A version the ecosystem's ordering refuses.
        var unreadable: String
        var description: String { "\(type)" }
    }

    static let cases: [Case] = [
        Case(type: .deb, os: OSRelease(id: "debian", versionID: "12"), installed: "1.1-1", fixed: "1.2-1", unreadable: "a:1.0"),
        Case(type: .apk, os: OSRelease(id: "alpine", versionID: "3.19.1"), installed: "1.1-r0", fixed: "1.2-r0", unreadable: "1.0.a"),
        Case(type: .rpm, os: OSRelease(id: "almalinux", versionID: "9.3"), installed: "1.1-1.el9", fixed: "1.2-1.el9", unreadable: "1:-2"),
        Case(type: .pypi, installed: "1.1", fixed: "1.2", unreadable: "0.9-doduo"),  // setuptools legacy: packaging 26 refuses it
        Case(type: .npm, installed: "1.1.0", fixed: "1.2.0", unreadable: "abc"),
        Case(type: .cargo, installed: "1.1.0", fixed: "1.2.0", unreadable: "-1.0"),
        Case(type: .maven, installed: "1.1", fixed: "1.2", unreadable: "1.0é"),
        Case(type: .gem, installed: "1.1", fixed: "1.2", unreadable: "1..2"),
        Case(type: .nuget, installed: "1.1.0", fixed: "1.2.0", unreadable: "x1.0"),
        Case(type: .composer, installed: "1.1.0", fixed: "1.2.0", unreadable: "1.0.0-foo"),
    ]

    static func package(_ c: Case, version: String) -> Package {
        Package(type: c.type, name: "pkg", version: version, purl: "pkg:\(c.type.rawValue)/pkg@\(version)", cataloger: "test")
    }

    static func ecosystem(_ c: Case) -> String {
        switch c.type {
        case .deb, .apk, .rpm: c.os!.osvEcosystem!
        case .pypi: "PyPI"
        case .npm: "npm"
        case .cargo: "crates.io"
        case .maven: "Maven"
        case .gem: "RubyGems"
        case .nuget: "NuGet"
        case .composer: "Packagist"
        case .golang: "Go"
        }
    }

    static func match(_ c: Case, installed: String, ranges: [[String]]) -> MatchResult {
        let advisory = Advisory(id: "OSV-19", aliases: ["CVE-2099-0019"], affected: [AffectedPackage(
            ecosystem: ecosystem(c), name: "pkg",
            ranges: ranges.map { AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed($0[0])]) })])
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:t"), os: c.os,
                             packages: [package(c, version: installed)], warnings: [])
        return Matcher.match(sbom, against: AdvisoryIndex(sources: [("s", [advisory])], cvss: []))
    }

    @Test(arguments: cases)
    func readableVersionsMatch(c: Case) {
        #expect(Self.match(c, installed: c.installed, ranges: [[c.fixed]]).findings.count == 1)
        #expect(Self.match(c, installed: c.fixed, ranges: [[c.fixed]]).findings.isEmpty)
    }

    @Test(arguments: cases)
    func unreadableInstalledVersionWarns(c: Case) {
        let result = Self.match(c, installed: c.unreadable, ranges: [[c.fixed]])
        #expect(result.findings.isEmpty)
        #expect(result.warnings.count == 1)
        let message = result.warnings.first?.message ?? ""
        #expect(message.hasPrefix("Could not compare 'pkg' \(c.unreadable) with"), "\(message)")
    }

    @Test(arguments: cases)
    func unreadableFixedVersionWarns(c: Case) {
        let result = Self.match(c, installed: c.installed, ranges: [[c.unreadable]])
        #expect(result.findings.isEmpty)
        #expect(result.warnings.count == 1)
        let message = result.warnings.first?.message ?? ""
        #expect(message.hasPrefix("Could not compare 'pkg' \(c.installed) with advisory 'OSV-19'"), "\(message)")
        #expect(message.contains("'\(c.unreadable)'"), "\(message)")
    }

    /// A readable range that affects the version decides, in either order; when the readable ranges do
    /// not affect it, the unreadable one makes it unknown (a warning), not "not vulnerable".
    @Test(arguments: cases)
    func readableRangeDecidesOnlyWhenItAffects(c: Case) {
        for ranges in [[[c.unreadable], [c.fixed]], [[c.fixed], [c.unreadable]]] {
            let affected = Self.match(c, installed: c.installed, ranges: ranges)
            #expect(affected.findings.count == 1, "\(ranges)")
            #expect(affected.warnings.isEmpty, "\(ranges)")
            let unknown = Self.match(c, installed: c.fixed, ranges: ranges)
            #expect(unknown.findings.isEmpty, "\(ranges)")
            #expect(unknown.warnings.count == 1, "\(ranges)")
        }
    }
}
