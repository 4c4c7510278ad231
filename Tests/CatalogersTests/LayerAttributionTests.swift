import Catalogers
import ScoutModel
import Testing

@Suite struct LayerAttributionTests {
    private func apk(_ packages: [(String, String)]) -> [UInt8] {
        Array(packages.map { "P:\($0.0)\nV:\($0.1)\nA:x86_64\no:\($0.0)\n" }.joined(separator: "\n").utf8)
    }

    private func diffID(_ n: Int) -> String { "sha256:" + String(repeating: String(n), count: 64) }

    private func layer(_ n: Int, files: [String: [UInt8]] = [:], whiteouts: Set<String> = [], opaque: Set<String> = []) -> LayerFiles {
        LayerFiles(diffID: diffID(n), files: files, whiteouts: whiteouts, opaqueDirectories: opaque)
    }

    @Test func attributesPackagesToTheLayerThatIntroducedThem() {
        let db = "lib/apk/db/installed"
        let layers = [
            layer(1, files: [db: apk([("a", "1.0"), ("b", "1.0")]), "etc/alpine-release": Array("3.10.4\n".utf8)]),
            layer(2, files: ["etc/motd": []]),
            layer(3, files: [db: apk([("a", "1.0"), ("b", "2.0"), ("c", "1.0")])]),
        ]
        let result = Cataloging.catalog(layers: layers)
        #expect(result.packages.map { "\($0.name)@\($0.version)" } == ["a@1.0", "b@2.0", "c@1.0"])
        #expect(result.packages.map(\.layerDiffID) == [diffID(1), diffID(3), diffID(3)])
        #expect(result.packages.allSatisfy { $0.locations == [db] })
        #expect(result.os == OSRelease(id: "alpine", versionID: "3.10.4"))
        #expect(result.packages[0].purl == "pkg:apk/alpine/a@1.0?arch=x86_64&distro=alpine-3.10.4")
    }

    @Test func whiteoutRemovesAndReaddingRestartsAttribution() {
        let db = "lib/apk/db/installed"
        let removed = Cataloging.catalog(layers: [
            layer(1, files: [db: apk([("a", "1.0")])]),
            layer(2, whiteouts: ["lib/apk/db/installed"]),
        ])
        #expect(removed.packages.isEmpty)
        let parentRemoved = Cataloging.catalog(layers: [
            layer(1, files: [db: apk([("a", "1.0")])]),
            layer(2, whiteouts: ["lib/apk"]),
        ])
        #expect(parentRemoved.packages.isEmpty)
        let readded = Cataloging.catalog(layers: [
            layer(1, files: [db: apk([("a", "1.0")])]),
            layer(2, whiteouts: [db]),
            layer(3, files: [db: apk([("a", "1.0")])]),
        ])
        #expect(readded.packages.map(\.layerDiffID) == [diffID(3)])
    }

    @Test func opaqueDirectoryHidesLowerDistrolessEntries() {
        let stanza = { (name: String) in Array("Package: \(name)\nVersion: 1.0\nArchitecture: amd64\n".utf8) }
        let result = Cataloging.catalog(layers: [
            layer(1, files: ["var/lib/dpkg/status.d/a": stanza("a"), "var/lib/dpkg/status.d/b": stanza("b")]),
            layer(2, files: ["var/lib/dpkg/status.d/c": stanza("c")], opaque: ["var/lib/dpkg/status.d"]),
        ])
        #expect(result.packages.map(\.name) == ["c"])
        #expect(result.packages.first?.layerDiffID == diffID(2))
        #expect(result.packages.first?.locations == ["var/lib/dpkg/status.d/c"])
        // No os-release: no distro qualifier, default namespace.
        #expect(result.packages.first?.purl == "pkg:deb/debian/c@1.0?arch=amd64")
    }

    @Test func unparsableFileIsAWarningAndTheRestGoesOn() {
        let result = Cataloging.catalog(layers: [layer(1, files: [
            "lib/apk/db/installed": Array("this is not an apk database\n".utf8),
            "var/lib/dpkg/status": Array("Package: ok\nStatus: install ok installed\nVersion: 1\n".utf8),
        ])])
        #expect(result.packages.map(\.name) == ["ok"])
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.subject == "lib/apk/db/installed")
        #expect(result.warnings.first?.message.hasPrefix("Failed to parse 'lib/apk/db/installed': line 1") == true)
    }

    @Test func wantsOnlyDatabaseAndReleaseFiles() {
        for path in ["var/lib/dpkg/status", "var/lib/dpkg/status.d/libssl1.1", "lib/apk/db/installed",
                     "etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version"] {
            #expect(Cataloging.wants(path), "\(path)")
        }
        for path in ["var/lib/dpkg/status.d/libssl1.1.md5sums", "var/lib/dpkg/status-old", "etc/passwd",
                     "var/lib/dpkg/info/libc6.list", "lib/apk/db/triggers", "var/lib/dpkg/status.d/x/y"] {
            #expect(!Cataloging.wants(path), "\(path)")
        }
    }

    @Test func readsOSReleaseQuotingAndFallbacks() {
        let quoted = OSReleaseReader.parseOSRelease("# comment\nID=\"ubuntu\"\nVERSION_ID='22.04'\nPRETTY_NAME=\"Ubuntu \\\"LTS\\\"\"\n")
        #expect(quoted == OSRelease(id: "ubuntu", versionID: "22.04", prettyName: "Ubuntu \"LTS\""))
        #expect(OSReleaseReader.detect(in: ["etc/debian_version": Array("10.3\n".utf8)]) == OSRelease(id: "debian", versionID: "10.3"))
        #expect(OSReleaseReader.detect(in: ["etc/debian_version": Array("bookworm/sid\n".utf8)]) == OSRelease(id: "debian", codename: "bookworm"))
        #expect(OSReleaseReader.detect(in: [
            "usr/lib/os-release": Array("ID=alpine\nVERSION_ID=3.11.5\n".utf8),
            "etc/alpine-release": Array("9.9.9\n".utf8),
        ])?.versionID == "3.11.5")
    }
}
