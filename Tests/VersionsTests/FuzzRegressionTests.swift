import Testing
import Versions

/// Inputs the libFuzzer harness (fuzz/run.sh, target `versions`) found, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// A missing Maven item is `0` against a number but the release qualifier against a qualifier:
    /// padding with `0` everywhere made "0.0./0%" sort below "0.0.0-0" but above "0.J.0". Maven's own
    /// answers (maven-artifact 3.8.7): "0.0.0-0" < "0.0./0%" < "0.J.0".
    @Test func mavenPaddingAgainstUnknownQualifiersIsTransitive() throws {
        let a = try MavenVersion("0.J.0"), b = try MavenVersion("0.0.0-0"), c = try MavenVersion("0.0./0%")
        #expect(b < a)
        #expect(c < a)
        #expect(b < c)
        #expect(try VersionScheme.maven.compare("0.0.0-0", "0.0./0%") == -1)
        // The release qualifier still sorts below `sp` and above the pre-release keywords.
        #expect(try MavenVersion("1") < MavenVersion("1.sp"))
        #expect(try MavenVersion("1.rc") < MavenVersion("1"))
        #expect(try MavenVersion("1") < MavenVersion("1.+x"))
    }

    /// A second finding, "1.r.0-ba.22" ≤ "1.0.0-b9.39eta>11" ≤ "1" < "1.r.0-ba.22", was the ordering of
    /// Maven before MNG-7644. Maven 3.8.7 and 3.9 read a qualifier after `.` as after `-`, so `1.sp`
    /// is `1-sp` and the cycle is gone (answers checked with Debian's maven-artifact 3.8.7).
    @Test func mavenDotQualifierReadsAsHyphenQualifier() throws {
        let sp = try MavenVersion("1.sp"), alpha = try MavenVersion("1-alpha"), release = try MavenVersion("1")
        #expect(alpha < release && release < sp && alpha < sp)
        #expect(try MavenVersion("1.sp") == MavenVersion("1-sp"))
        #expect(try MavenVersion("1.r.0-ba.22") > MavenVersion("1"))
        #expect(try MavenVersion("1.0.0-b9.39eta>11") < MavenVersion("1"))
    }

    /// A missing apk component counted as 0 against a component that reads as a string: "0.0.0" and
    /// "0.00.0.0" both equalled "0" but not each other. Now the missing one sorts first.
    @Test func apkMissingComponentAgainstLeadingZeroIsTransitive() throws {
        let a = try ApkVersion("0.0.0"), b = try ApkVersion("0"), c = try ApkVersion("0.00.0.0")
        #expect(b < a && b < c && a < c)
        #expect(try ApkVersion("1.2") < ApkVersion("1.2.0"))
        #expect(try ApkVersion("1.2.1") > ApkVersion("1.2"))
    }

    /// apk's fallback for text it cannot read (compare what was read, then as strings) is not an order:
    /// the fuzzer found "B" > "8[" > "u" > "B". apk-tools' `apk_version_validate` refuses all three, and
    /// so does `ApkVersion` now, so they are reported instead of compared.
    @Test func apkVersionsApkRefusesThrow() throws {
        for text in ["B", "8[", "u"] {
            #expect(throws: VersionError.self) { try ApkVersion(text) }
        }
        #expect(try ApkVersion("1.2.3_rc1-r0") < ApkVersion("1.2.3"))
    }
}
