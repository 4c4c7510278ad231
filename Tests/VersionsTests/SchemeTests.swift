import Testing
import Versions

@Suite struct SchemeTests {
    @Test func pep440Normalisation() throws {
        #expect(try VersionScheme.pep440.compare("1.0a1", "1.0.0alpha1") == 0)
        #expect(try VersionScheme.pep440.compare("1.0RC1", "1.0c1") == 0)
        #expect(try VersionScheme.pep440.compare("1.0-post1", "1.0.post1") == 0)
        #expect(try VersionScheme.pep440.compare("1.0.dev0", "1.0a0") == -1)
        #expect(try VersionScheme.pep440.compare("1.0.post1.dev1", "1.0.post1") == -1)
        #expect(try VersionScheme.pep440.compare("1!0.1", "2.0") == 1)
        #expect(try VersionScheme.pep440.compare("1.0+abc.5", "1.0+abc.10") == -1)
        #expect(try PEP440Version("1.0a1") == PEP440Version("1.0.0ALPHA1"))
        #expect(try PEP440Version("1.0a1").hashValue == PEP440Version("1.0.0alpha1").hashValue)
        // packaging 26 raises InvalidVersion for setuptools' "legacy" versions: so does this.
        #expect(throws: VersionError.self) { try PEP440Version("0.1-bulbasaur") }
        #expect(throws: VersionError.self) { try VersionScheme.pep440.compare("-class.-jw.util.version.version-pre", "1.0") }
        #expect(try PEP440Version("v1.0.post2") == PEP440Version("1.0-2"))
    }

    @Test func semverForGoAndNpm() throws {
        #expect(try VersionScheme.semver.compare("v2.0.0+incompatible", "2.0.0") == 0)
        #expect(try VersionScheme.semver.compare("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0") == -1)
        #expect(try VersionScheme.semver.compare("1.0.0-rc.1", "1.0.0-rc.1+build.5") == 0)
        #expect(try VersionScheme.semver.compare("1.0.0-alpha.10", "1.0.0-alpha.9") == 1)
    }

    @Test func rpmTildeAndCaret() throws {
        #expect(try VersionScheme.rpm.compare("1.0~rc1-1.el9", "1.0-1.el9") == -1)
        #expect(try VersionScheme.rpm.compare("1.0^git1-1", "1.0-1") == 1)
        #expect(try VersionScheme.rpm.compare("2:1.0-1", "1:9.9-9") == 1)
        #expect(try VersionScheme.rpm.compare("3.10.0-1160.el7", "3.10.0-1160.2.1.el7") == -1)
    }

    @Test func mavenQualifiers() throws {
        let chain = ["1.0-alpha-1", "1.0-beta", "1.0-milestone-1", "1.0-rc-1", "1.0-SNAPSHOT", "1.0", "1.0-sp-1", "1.0-abc", "1.0-1", "1.0.1"]
        for (a, b) in zip(chain, chain.dropFirst()) {
            #expect(try VersionScheme.maven.compare(a, b) == -1, "\(a) < \(b)")
        }
        #expect(try MavenVersion("1.0.0-GA") == MavenVersion("1"))
    }

    @Test func rubyGemsPrerelease() throws {
        #expect(try VersionScheme.rubygems.compare("1.0.0-rc1", "1.0.0") == -1)
        #expect(try VersionScheme.rubygems.compare("1.0.0-rc1", "1.0.0.pre.rc1") == 0)
        #expect(try VersionScheme.rubygems.compare("1.00", "1") == 0)
    }

    @Test func nugetFourParts() throws {
        #expect(try VersionScheme.nuget.compare("4.7.0.1", "4.7.0") == 1)
        #expect(try VersionScheme.nuget.compare("4.7.0-PREVIEW.1", "4.7.0-preview.1") == 0)
    }

    @Test func hugeDigitRunsDoNotOverflow() throws {
        let big = String(repeating: "9", count: 50)
        for scheme in VersionScheme.allCases where scheme != .packagist {
            #expect(try scheme.compare("1.\(big)", "1.1\(big)") == -1, "\(scheme)")
            #expect(try scheme.compare("1.\(big)", "1.\(big)") == 0, "\(scheme)")
        }
        // Composer compares with PHP's version_compare, whose strtol saturates: PHP 8.2 answers 0 here.
        #expect(try VersionScheme.packagist.compare("1.\(big)", "1.1\(big)") == 0)
    }

    @Test(arguments: VersionScheme.allCases)
    func emptyAndControlCharactersThrow(scheme: VersionScheme) {
        for text in ["", " ", "1.0\n", "1.0\t", "\u{7F}"] {
            #expect(throws: VersionError.self, "\(scheme) '\(text)'") { try scheme.validate(text) }
            #expect(throws: VersionError.self, "\(scheme) '\(text)'") { try scheme.compare(text, "1.0") }
        }
    }

    @Test(arguments: [
        (VersionScheme.semver, "abc"), (.semver, "v"), (.semver, "-1.0"), (.semver, "1.0é"),
        (.nuget, "x1.0"), (.rubygems, "a1"), (.rubygems, "1..2"), (.rubygems, "1.0_1"), (.rubygems, "1.0-"),
        (.rpm, "-1"), (.rpm, "1:-2"), (.maven, "1.0é"), (.pep440, "1.0é"), (.packagist, "1.0é"),
    ])
    func schemeSpecificInvalidInputThrows(scheme: VersionScheme, text: String) {
        #expect(throws: VersionError.self) { try scheme.validate(text) }
    }

    @Test func errorsNameTheSchemeAndVersion() {
        #expect {
            try VersionScheme.dpkg.validate("1:")
        } throws: { error in
            let e = error as? VersionError
            return e?.scheme == .dpkg && e?.version == "1:" && "\(error)".contains("Failed to read dpkg version '1:'")
        }
    }
}
