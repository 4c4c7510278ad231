import Testing
import Versions

@Suite struct DebianVersionTests {
    @Test func epochsOutrankUpstream() throws {
        #expect(try VersionScheme.dpkg.compare("1:1.2.11.dfsg-1", "1.2.11") == 1)
        #expect(try VersionScheme.dpkg.compare("1:1.2.11.dfsg-1", "2:0.1") == -1)
        #expect(try VersionScheme.dpkg.compare("1.2.11.dfsg-1", "1.2.11") == 1)
        #expect(try VersionScheme.dpkg.compare("1.2.11.dfsg-2+deb10u1", "1.2.11.dfsg-2") == 1)
    }

    @Test func tildeSortsBeforeEverything() throws {
        #expect(try VersionScheme.dpkg.compare("1.0~rc1", "1.0") == -1)
        #expect(try VersionScheme.dpkg.compare("1.0~~", "1.0~") == -1)
        #expect(try VersionScheme.dpkg.compare("1.0~", "1.0~a") == -1)
        #expect(try VersionScheme.dpkg.compare("1.0a", "1.0+") == -1)  // letters before non-letters
        #expect(try VersionScheme.dpkg.compare("1.0", "1.0a") == -1)
    }

    @Test func hugeNumbersDoNotOverflow() throws {
        let big = "1" + String(repeating: "0", count: 40)
        #expect(try VersionScheme.dpkg.compare(big, String(repeating: "9", count: 39)) == 1)
        #expect(try VersionScheme.dpkg.compare("\(big):1", "99999999999999999999:1") == 1)
        #expect(try VersionScheme.dpkg.compare("000\(big)", big) == 0)
    }

    @Test func equalVersionsHashAlike() throws {
        let pairs = [("0.0.0", "0:0.0.0-0"), ("1.", "1.0"), ("1.01-00", "1.1"), ("01:2", "1:2")]
        for (a, b) in pairs {
            let x = try DebianVersion(a), y = try DebianVersion(b)
            #expect(x == y)
            #expect(x.hashValue == y.hashValue)
        }
        #expect(try DebianVersion("1.0") != DebianVersion("1"))
    }

    @Test(arguments: ["", " 1.0", "1.0 ", ":1.0", "a:1.0", "1:", "1.0-", "1.0_1", "1.0-a:b", "abc", "A1.0", "1:~1",
                      "1.2.3-not-a-debian:version!@#$", "1.0é", "1\u{0}"])
    func invalidVersionsThrow(text: String) {
        #expect(throws: VersionError.self) { try DebianVersion(text) }
        #expect(throws: VersionError.self) { try VersionScheme.dpkg.compare("1.0", text) }
    }
}

@Suite struct ApkVersionTests {
    /// Fixed versions from alpine-secdb (see the shared advisories README) against installed ones.
    @Test(arguments: [
        ("1.1.1d-r2", "1.1.1g-r0", -1), ("1.1.1d-r2", "1.1.1d-r2", 0), ("1.1.1d-r3", "1.1.1d-r2", 1),
        ("1.1.1d-r3", "1.1.1l-r0", -1), ("1.31.1-r9", "1.31.1-r10", -1), ("1.31.1-r9", "1.31.1-r11", -1),
        ("1.31.1-r9", "1.30.1-r2", 1), ("1.1.24-r2", "1.1.24-r3", -1), ("1.1.24-r2", "1.1.23-r2", 1),
        ("1.1.1d-r0", "1.1.1d-r2", -1), ("1.2.3_rc1-r0", "1.2.3-r0", -1), ("1.2.3_p1-r0", "1.2.3-r5", 1),
    ])
    func secdbBoundaries(installed: String, fixed: String, expected: Int) throws {
        #expect(try VersionScheme.apk.compare(installed, fixed) == expected)
        #expect(try VersionScheme.apk.compare(fixed, installed) == -expected)
    }

    @Test func noSuffixSortsBetweenPreAndPostSuffixes() throws {
        #expect(try VersionScheme.apk.compare("1.2_rc9", "1.2") == -1)
        #expect(try VersionScheme.apk.compare("1.2", "1.2_cvs") == -1)
        #expect(try VersionScheme.apk.compare("1.2_hg5", "1.2_p0") == -1)
    }

    @Test func hugeNumbersDoNotOverflow() throws {
        let big = String(repeating: "9", count: 60)
        #expect(try VersionScheme.apk.compare("1.\(big)", "1.1\(big)") == -1)
        #expect(try VersionScheme.apk.compare("1-r\(big)", "1-r1\(big)") == -1)
    }

    @Test(arguments: ["", " 1.0", "1.0\n", "1.0é", "1 2"])
    func invalidVersionsThrow(text: String) {
        #expect(throws: VersionError.self) { try ApkVersion(text) }
        #expect(throws: VersionError.self) { try VersionScheme.apk.validate(text) }
    }
}

@Suite struct EcosystemTests {
    @Test(arguments: [
        ("Debian:12", VersionScheme.dpkg), ("Ubuntu:22.04:LTS", .dpkg), ("Alpine:v3.19", .apk),
        ("Wolfi", .apk), ("Chainguard", .apk), ("Red Hat:enterprise_linux:9", .rpm),
        ("Rocky Linux:9", .rpm), ("AlmaLinux:8", .rpm), ("openSUSE:Leap 15.5", .rpm), ("SUSE:SLES 15", .rpm),
        ("Mageia:9", .rpm), ("Mariner", .rpm), ("CBL-Mariner:2.0", .rpm), ("Azure Linux:3", .rpm),
        ("Amazon Linux:2023", .rpm), ("Fedora:40", .rpm), ("Oracle Linux:9", .rpm), ("PyPI", .pep440),
        ("npm", .semver), ("Go", .semver), ("crates.io", .semver), ("Hex", .semver), ("Pub", .semver),
        ("SwiftURL", .semver), ("Maven", .maven), ("RubyGems", .rubygems), ("NuGet", .nuget),
        ("Packagist", .packagist),
    ])
    func knownEcosystems(name: String, scheme: VersionScheme) {
        #expect(VersionScheme.forEcosystem(name) == scheme)
    }

    @Test(arguments: ["", "debian", "CRAN", "GIT", ":Debian"])
    func unknownEcosystems(name: String) {
        #expect(VersionScheme.forEcosystem(name) == nil)
    }
}
