import Testing
import Versions

/// osv-scalibr's version-ordering vectors, run in full and in both directions, with the answers of
/// the ecosystems' own implementations where they contradict osv-scalibr (`superseded.txt`).
@Suite struct VectorTests {
    @Test(arguments: [
        ("debian-versions.txt", VersionScheme.dpkg, 30),
        ("alpine-versions.txt", .apk, 778),
        ("redhat-versions.txt", .rpm, 165),
        ("pypi-versions.txt", .pep440, 37),
        ("semver-versions.txt", .semver, 86),
        ("maven-versions.txt", .maven, 102),
        ("rubygems-versions.txt", .rubygems, 25),
        ("nuget-versions.txt", .nuget, 35),
        ("packagist-versions.txt", .packagist, 95),
    ])
    func vectorFileHolds(file: String, scheme: VersionScheme, count: Int) throws {
        let (lines, superseded) = try VectorFile.loadWithAuthorities(file)
        #expect(lines.count == count)
        let listed = try VectorFile.table("superseded.txt").filter { $0.key == file }.count
        #expect(superseded == listed, "every line of superseded.txt for \(file) names a line of it")
        let failures = VectorFile.failures(lines, scheme)
        #expect(failures.isEmpty, "\(failures.count) of \(lines.count) failed:\n\(failures.joined(separator: "\n"))")
    }

    /// Upstream runs the SemVer file against every ecosystem that uses it.
    @Test(arguments: ["npm", "crates.io", "Go", "Hex"])
    func semverFileHoldsForEcosystem(ecosystem: String) throws {
        let scheme = try #require(VersionScheme.forEcosystem(ecosystem))
        let lines = try VectorFile.load("semver-versions.txt")
        #expect(VectorFile.failures(lines, scheme).isEmpty)
    }
}
