import Testing
import Versions

/// Total-order properties over every distinct version in each vector file.
@Suite struct OrderPropertyTests {
    static let files: [(String, VersionScheme)] = [
        ("debian-versions.txt", .dpkg), ("alpine-versions.txt", .apk), ("redhat-versions.txt", .rpm),
        ("pypi-versions.txt", .pep440), ("semver-versions.txt", .semver), ("maven-versions.txt", .maven),
        ("rubygems-versions.txt", .rubygems), ("nuget-versions.txt", .nuget),
        ("packagist-versions.txt", .packagist),
    ]

    static func hashValue(_ scheme: VersionScheme, _ text: String) throws -> Int {
        switch scheme {
        case .dpkg: try DebianVersion(text).hashValue
        case .apk: try ApkVersion(text).hashValue
        case .rpm: try RpmVersion(text).hashValue
        case .pep440: try PEP440Version(text).hashValue
        case .semver: try SemanticVersion(text).hashValue
        case .maven: try MavenVersion(text).hashValue
        case .rubygems: try RubyGemsVersion(text).hashValue
        case .nuget: try NuGetVersion(text).hashValue
        case .packagist: try PackagistVersion(text).hashValue
        }
    }

    /// At most 80 versions per file (every k-th one), with their full comparison matrix.
    static func matrix(_ file: String, _ scheme: VersionScheme) throws -> ([String], [[Int]]) {
        // Versions the scheme refuses (apk-tools refuses some of osv-scalibr's Alpine vectors) have no place.
        let all = VectorFile.versions(try VectorFile.load(file)).filter { (try? scheme.validate($0)) != nil }
        let step = max(1, all.count / 80)
        let sample = stride(from: 0, to: all.count, by: step).map { all[$0] }
        let m = try sample.map { a in try sample.map { b in try scheme.compare(a, b) } }
        return (sample, m)
    }

    @Test(arguments: files)
    func reflexiveAntisymmetricAndHashConsistent(file: String, scheme: VersionScheme) throws {
        let (v, m) = try Self.matrix(file, scheme)
        #expect(v.count > 10)
        var problems: [String] = []
        for i in v.indices {
            if m[i][i] != 0 { problems.append("\(v[i]) is not equal to itself") }
            for j in v.indices {
                if m[i][j] != -m[j][i] { problems.append("\(v[i]) vs \(v[j]): \(m[i][j]) but reversed \(m[j][i])") }
                if m[i][j] == 0, try Self.hashValue(scheme, v[i]) != Self.hashValue(scheme, v[j]) {
                    problems.append("\(v[i]) equals \(v[j]) but hashes differently")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    /// Every scheme is a total preorder on its sample, except for a corner inherited from the
    /// reference: Packagist's `#` equals any number. Those versions are left out of the sample.
    @Test(arguments: files)
    func transitive(file: String, scheme: VersionScheme) throws {
        let (all, full) = try Self.matrix(file, scheme)
        let keep = all.indices.filter { i in
            switch scheme {
            case .packagist: return !all[i].contains("#")
            default: return true
            }
        }
        let v = keep.map { all[$0] }
        let m = keep.map { i in keep.map { full[i][$0] } }
        #expect(v.count > 10)
        var problems: [String] = []
        for i in v.indices {
            for j in v.indices where m[i][j] <= 0 {
                for k in v.indices where m[j][k] <= 0 && m[i][k] > 0 {
                    problems.append("\(v[i]) <= \(v[j]) <= \(v[k]) but \(v[i]) > \(v[k])")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    /// Sorting with the ordering puts a known chain in place (a check that sorting works).
    @Test func sortingUsesTheOrdering() throws {
        let chain = ["1.0~rc1-1", "1.0-1", "1.0-1+deb12u1", "1.0-2", "1.0.1-1", "1:0.9-1"]
        let sorted = try chain.reversed().map { try DebianVersion($0) }.sorted().map(\.text)
        #expect(sorted == chain)
    }

    /// A file run against the wrong scheme fails: the vector check is able to fail.
    @Test func vectorsDiscriminateBetweenSchemes() throws {
        let lines = try VectorFile.load("redhat-versions.txt")
        #expect(!VectorFile.failures(lines, .dpkg).isEmpty)
        #expect(!VectorFile.failures(try VectorFile.load("maven-versions.txt"), .semver).isEmpty)
    }
}
