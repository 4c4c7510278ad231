import Testing
import Versions

/// Inputs the libFuzzer harness (fuzz/run.sh, target `versions`) found, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// A missing Maven item is `0` against a number but the release qualifier against a qualifier:
    /// padding with `0` everywhere made "0.0./0%" sort below "0.0.0-0" but above "0.J.0".
    @Test func mavenPaddingAgainstUnknownQualifiersIsTransitive() throws {
        let a = try MavenVersion("0.J.0"), b = try MavenVersion("0.0.0-0"), c = try MavenVersion("0.0./0%")
        #expect(b < a)
        #expect(a < c)
        #expect(b < c)
        #expect(try VersionScheme.maven.compare("0.0.0-0", "0.0./0%") == -1)
        // The release qualifier still sorts below `sp` and above the pre-release keywords.
        #expect(try MavenVersion("1") < MavenVersion("1.sp"))
        #expect(try MavenVersion("1.rc") < MavenVersion("1"))
        #expect(try MavenVersion("1") < MavenVersion("1.+x"))
    }

    /// A second finding, "1.r.0-ba.22" ≤ "1.0.0-b9.39eta>11" ≤ "1" < "1.r.0-ba.22", is Maven's own
    /// ordering (a `.` qualifier after release sorts below every `-` list): flagged, and skipped by the
    /// fuzz property like apk's fallback below.
    @Test func mavenDotQualifierCycleIsFlagged() throws {
        let sp = try MavenVersion("1.sp"), alpha = try MavenVersion("1-alpha"), release = try MavenVersion("1")
        #expect(sp < alpha && alpha < release && release < sp)
        #expect(sp.hasDotQualifierAfterRelease)
        #expect(try MavenVersion("1.r.0-ba.22").hasDotQualifierAfterRelease)
        #expect(!alpha.hasDotQualifierAfterRelease && !release.hasDotQualifierAfterRelease)
        #expect(try !MavenVersion("1.0.Final").hasDotQualifierAfterRelease)
        #expect(try !MavenVersion("2.0.0.RC1").hasDotQualifierAfterRelease)
    }

    /// A missing apk component counted as 0 against a component that reads as a string: "0.0.0" and
    /// "0.00.0.0" both equalled "0" but not each other. Now the missing one sorts first.
    @Test func apkMissingComponentAgainstLeadingZeroIsTransitive() throws {
        let a = try ApkVersion("0.0.0"), b = try ApkVersion("0"), c = try ApkVersion("0.00.0.0")
        #expect(b < a && b < c && a < c)
        #expect(try ApkVersion("1.2") < ApkVersion("1.2.0"))
        #expect(try ApkVersion("1.2.1") > ApkVersion("1.2"))
    }

    /// apk's own fallback (versions with unparsed text compare as plain strings among themselves) is
    /// not transitive; such versions are flagged so callers can tell, and the fuzz property skips them.
    @Test func apkFallbackCornerIsFlagged() throws {
        #expect(try ApkVersion("B").hasUnparsedText)
        #expect(try ApkVersion("8[").hasUnparsedText)
        #expect(try !ApkVersion("u").hasUnparsedText)
        #expect(try !ApkVersion("1.2.3_rc1-r0").hasUnparsedText)
    }
}
