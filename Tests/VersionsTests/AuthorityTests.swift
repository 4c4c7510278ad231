import Testing
import Versions

/// The pairs on which scout-report disagreed with the ecosystems' own implementations (issue 19),
/// with the implementation's answer and its version named in `Fixtures/versions/authorities.txt`:
/// Maven's ComparableVersion (3.8.7 as Debian ships it, and 3.9), Composer 3.3.2, apk-tools 2.14.
@Suite struct AuthorityTests {
    static let rows = (try? VectorFile.table("authorities.txt")) ?? []

    @Test func tableIsRead() {
        #expect(Self.rows.count >= 20)
        #expect(Set(Self.rows.map(\.key)) == ["maven", "packagist", "apk"])
    }

    @Test(arguments: rows.map { "\($0.key)\t\($0.line.a)\t\($0.line.b)" })
    func answersLikeTheImplementation(row: String) throws {
        let entry = try #require(Self.rows.first { "\($0.key)\t\($0.line.a)\t\($0.line.b)" == row })
        let scheme = try #require(VersionScheme(rawValue: entry.key))
        let failures = VectorFile.failures([entry.line], scheme)
        #expect(failures.isEmpty, "\(failures.joined()) (authority: \(entry.note))")
    }

    /// Composer: `v` dropped, missing parts are `.0`, stabilities expanded and case-folded.
    @Test func composerNormalForms() throws {
        #expect(try PackagistVersion("v3.0").normalized == "3.0.0.0")
        #expect(try PackagistVersion("1.0.0-ALPHA.1").normalized == "1.0.0.0-alpha1")
        #expect(try PackagistVersion("2.1-rc2").normalized == "2.1.0.0-RC2")
        #expect(try PackagistVersion("1.0.x-dev").normalized == "1.0.9999999.9999999-dev")
        #expect(try PackagistVersion("1.2.3+build.5").normalized == "1.2.3.0")
        #expect(try PackagistVersion("2010-01-02").normalized == "2010.01.02")
        #expect(try PackagistVersion("1.0.0-pl3").normalized == "1.0.0.0-patch3")
        #expect(throws: VersionError.self) { try PackagistVersion("dev-main") }
        #expect(throws: VersionError.self) { try PackagistVersion("1.0.0-foo") }
    }

    /// An apk version apk-tools refuses is an error that says why, not a comparison.
    @Test func apkRefusalSaysWhy() {
        #expect {
            try ApkVersion("1.0.a")
        } throws: { error in
            "\(error)".contains("'1.0.a'") && "\(error)".contains("apk-tools refuses it")
        }
    }
}
