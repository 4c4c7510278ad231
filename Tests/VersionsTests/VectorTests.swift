import Testing
import Versions

/// osv-scalibr's version-ordering vectors, run in full and in both directions.
@Suite struct VectorTests {
    @Test(arguments: [
        ("debian-versions.txt", VersionScheme.dpkg, 30),
        ("alpine-versions.txt", .apk, 778),
    ])
    func vectorFileHolds(file: String, scheme: VersionScheme, count: Int) throws {
        let lines = try VectorFile.load(file)
        #expect(lines.count == count)
        let failures = VectorFile.failures(lines, scheme)
        #expect(failures.isEmpty, "\(failures.count) of \(lines.count) failed:\n\(failures.joined(separator: "\n"))")
    }
}
