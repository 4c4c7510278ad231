import Foundation
import ScoutModel
import Testing
import Versions
@testable import Vulnerabilities

/// The index reads each range's versions once (`PreparedRanges`); it must answer exactly as
/// `RangeEvaluator`, which reads both strings at every comparison.
@Suite struct PreparedRangesTests {
    /// `RangeEvaluator`'s answer for a whole affected entry, as the matcher asked it before.
    static func reference(_ version: String, _ affected: AffectedPackage, _ scheme: VersionScheme) -> Result<Bool, VersionError> {
        Result { () throws(VersionError) -> Bool in try RangeEvaluator(scheme: scheme).isAffected(version, by: affected) }
    }

    static func prepared(_ version: String, _ affected: AffectedPackage, _ scheme: VersionScheme) -> Result<Bool, VersionError> {
        Result { () throws(VersionError) -> Bool in
            let parsed = try ParsedVersion(version, scheme: scheme)
            return try PreparedRanges(affected, scheme: scheme).isAffected(version, parsed, evaluator: RangeEvaluator(scheme: scheme))
        }
    }

    @Test func answersAsRangeEvaluatorOnEveryRealAdvisory() throws {
        var advisories = try AdvisoryLoader.load(format: .alpineSecDB, path: Paths.repository("examples/advisories/alpine-secdb")).advisories
        advisories += try AdvisoryLoader.load(format: .osv, path: Paths.repository("examples/advisories/debian-osv.zip")).advisories
        var compared = 0, affected = 0
        for advisory in advisories {
            for entry in advisory.affected {
                let scheme = try #require(VersionScheme.forEcosystem(entry.ecosystem))
                // Every version the entry names, and neighbours of each, as installed versions.
                var versions = Set(entry.ranges.flatMap { $0.events.map(\.version) } + entry.versions).subtracting(["0"])
                for version in Array(versions) { versions.insert(version + "1"); versions.insert(version.replacingOccurrences(of: "-r", with: ".0-r")) }
                versions.insert("0.1")
                for version in versions.sorted() where (try? scheme.validate(version)) != nil {
                    let expected = Self.reference(version, entry, scheme)
                    #expect(Self.prepared(version, entry, scheme) == expected, "\(advisory.id) \(version)")
                    compared += 1
                    if case .success(true) = expected { affected += 1 }
                }
            }
        }
        #expect(compared > 10_000)
        #expect(affected > 2_000 && affected < compared - 2_000, "both answers are exercised (\(affected) of \(compared))")
    }

    @Test func aRangeWithAnUnreadableVersionThrowsTheSameError() {
        let affected = AffectedPackage(ecosystem: "npm", name: "x", ranges: [
            AffectedRange(type: .semver, events: [.introduced("1.0.0"), .fixed("not a version!")]),
        ])
        let expected = Self.reference("1.5.0", affected, .semver)
        guard case .failure(let error) = expected else {
            Issue.record("the reference should fail")
            return
        }
        #expect(error.version == "not a version!")
        #expect(Self.prepared("1.5.0", affected, .semver) == expected)
        // A listed version still matches before any range is read.
        let listed = AffectedPackage(ecosystem: "npm", name: "x", ranges: affected.ranges, versions: ["1.5.0"])
        #expect(Self.prepared("1.5.0", listed, .semver) == .success(true))
    }

    @Test func tiesAndZeroSortAsBefore() {
        // Unsorted events, a repeated version, and "0" both as introduced and as fixed.
        let ranges = [
            AffectedRange(type: .ecosystem, events: [.fixed("2.0.0"), .introduced("0"), .introduced("1.0.0"), .lastAffected("1.0.0")]),
            AffectedRange(type: .ecosystem, events: [.limit("3.0.0"), .introduced("2.5.0"), .fixed("0")]),
            AffectedRange(type: .git, events: [.introduced("0")]),
        ]
        for range in ranges {
            let affected = AffectedPackage(ecosystem: "npm", name: "x", ranges: [range])
            for version in ["0.0.1", "0.5.0", "1.0.0", "1.0.1", "2.0.0", "2.5.0", "2.9.9", "3.0.0", "4.0.0"] {
                #expect(Self.prepared(version, affected, .semver) == Self.reference(version, affected, .semver), "\(range) \(version)")
            }
        }
    }

    /// Ranges are read per affected entry in that entry's own ecosystem: one advisory naming the same
    /// package in Debian and Alpine with different fixes must give each image its own answer (a cache
    /// keyed by name alone, or by the wrong entry, would give one of them the other's fix).
    @Test func eachEcosystemKeepsItsOwnRangesAndOrdering() {
        let advisory = Advisory(id: "CVE-2099-0001", affected: [
            AffectedPackage(ecosystem: "Debian:12", name: "zlib", ranges: [
                AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("1:1.3~rc1-1")]),
            ]),
            AffectedPackage(ecosystem: "Alpine:v3.19", name: "zlib", ranges: [
                AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("1.2.13-r0")]),
            ]),
        ])
        let index = AdvisoryIndex(sources: [("s", [advisory])], cvss: [])
        let debian = MatcherTests.image(OSRelease(id: "debian", versionID: "12"), [MatcherTests.deb("zlib1g", "1:1.2.13.dfsg-1", source: "zlib")])
        let alpine = MatcherTests.image(OSRelease(id: "alpine", versionID: "3.19.1"), [MatcherTests.apk("zlib", "1.2.13-r0", origin: "zlib")])
        let oldAlpine = MatcherTests.image(OSRelease(id: "alpine", versionID: "3.19.1"), [MatcherTests.apk("zlib", "1.2.12-r3", origin: "zlib")])
        #expect(Matcher.match(debian, against: index).findings.map(\.fixedVersions) == [["1:1.3~rc1-1"]])
        #expect(Matcher.match(alpine, against: index).findings.isEmpty)
        #expect(Matcher.match(oldAlpine, against: index).findings.map(\.fixedVersions) == [["1.2.13-r0"]])
        // dpkg's "~" sorts before the release: 1:1.3~rc1-1 < 1:1.3-1, so 1:1.3-1 is fixed.
        let released = MatcherTests.image(OSRelease(id: "debian", versionID: "12"), [MatcherTests.deb("zlib1g", "1:1.3-1", source: "zlib")])
        #expect(Matcher.match(released, against: index).findings.isEmpty)
    }
}

/// The matcher remembers what each (ecosystem, name, version) gave; a memo shared by many images must
/// give each image exactly what matching it alone gives.
@Suite struct MatchMemoTests {
    @Test func aSharedMemoChangesNoAnswer() {
        let images = [
            // Same source name and release, versions on both sides of the fix.
            MatcherTests.image(OSRelease(id: "alpine", versionID: "3.11.5"), [MatcherTests.apk("libcrypto1.1", "1.1.1d-r3", origin: "openssl")]),
            MatcherTests.image(OSRelease(id: "alpine", versionID: "3.11.5"), [MatcherTests.apk("libcrypto1.1", "1.1.1k-r0", origin: "openssl")]),
            // Same name and version in another release: other advisories.
            MatcherTests.image(OSRelease(id: "alpine", versionID: "3.10.4"), [MatcherTests.apk("libcrypto1.1", "1.1.1d-r3", origin: "openssl")]),
            // Two binary packages of one source, and an unreadable version (its warning names the package).
            MatcherTests.image(OSRelease(id: "alpine", versionID: "3.11.5"), [
                MatcherTests.apk("libssl1.1", "1.1.1d-r3", origin: "openssl"), MatcherTests.apk("libcrypto1.1", "1.1.1d-r3", origin: "openssl"),
                MatcherTests.apk("musl", "not a version!", origin: "musl"), MatcherTests.apk("musl-utils", "not a version!", origin: "musl"),
            ]),
            // Debian: the source version, not the binary's, is what is compared.
            MatcherTests.image(OSRelease(id: "debian", versionID: "10"), [
                Package(type: .deb, name: "libssl1.1", version: "1.1.1d-0+deb10u3", sourceName: "openssl", sourceVersion: "1.1.1d-0+deb10u3", purl: "p", cataloger: "c"),
                Package(type: .deb, name: "openssl", version: "1.1.1d-0+deb10u3", sourceName: "openssl", sourceVersion: "1.1.1n-0+deb10u3", purl: "p", cataloger: "c"),
            ]),
        ]
        var memo = MatchMemo()
        var shared: [MatchResult] = []
        for image in images + images.reversed() { shared.append(Matcher.match(image, against: MatcherTests.index, memo: &memo)) }
        let alone = (images + images.reversed()).map { Matcher.match($0, against: MatcherTests.index) }
        for (a, b) in zip(shared, alone) {
            #expect(a.findings == b.findings)
            #expect(a.warnings == b.warnings)
        }
        #expect(alone[0].findings.count > alone[1].findings.count, "the versions differ in findings")
        #expect(alone[0].findings.map(\.vulnerabilityID) != alone[2].findings.map(\.vulnerabilityID), "the releases differ in findings")
        #expect(alone[3].warnings.map(\.subject).sorted() == ["musl-utils@not a version!", "musl@not a version!"])
        let debian = Dictionary(grouping: alone[4].findings, by: \.package.name).mapValues(\.count)
        #expect((debian["libssl1.1"] ?? 0) > (debian["openssl"] ?? 0), "compared by source version")
        #expect(memo.count == 6)
    }
}
