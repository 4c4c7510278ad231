import Catalogers
import ScoutModel
import Testing

/// Each upstream fixture case, compared with the packages its upstream test asserts.
@Suite struct RootfsFixtureTests {
    static let catalogerCases = [
        "syft-dpkg-status", "syft-dpkg-status-d-distroless", "scalibr-dpkg-bookworm", "scalibr-dpkg-noversion",
        "scalibr-dpkg-statusfield", "syft-apk-multiple", "scalibr-apk-alpine-3.18", "scalibr-apk-no-origin",
    ]

    @Test(arguments: catalogerCases)
    func catalogsCase(_ name: String) throws {
        let fixture = try RootfsCase(name)
        #expect(fixture.expected.source.assertion_level != "parser")
        let result = Cataloging.catalog(layers: [fixture.layer])
        #expect(result.warnings.isEmpty)
        #expect(Set(result.packages.map { "\($0.name) \($0.version)" }) == Set(fixture.expected.packages.map { "\($0.name) \($0.version)" }))
        #expect(result.packages.count == fixture.expected.packages.count)
        for expected in fixture.expected.packages {
            guard let package = result.packages.first(where: { $0.name == expected.name && $0.version == expected.version }) else { continue }
            #expect(package.type.rawValue == expected.type)
            #expect(package.layerDiffID == fixture.layer.diffID)
            #expect(package.locations.count == 1)
            #expect(fixture.files[package.locations[0]] != nil)
            if expected.type == "deb" {
                #expect(package.cataloger == "dpkg-db-cataloger")
                #expect(package.sourceName == expected.source, "\(expected.name)")
                #expect(package.sourceVersion == expected.source_version, "\(expected.name)")
                // Licenses live in copyright files, which this cataloger does not read yet.
                #expect(package.licenses.isEmpty)
            } else {
                #expect(package.cataloger == "apk-db-cataloger")
                #expect(package.sourceName == expected.origin.flatMap { $0.isEmpty ? nil : $0 }, "\(expected.name)")
                if let licenses = expected.licenses { #expect(package.licenses == licenses, "\(expected.name)") }
            }
            if let arch = expected.arch { #expect(package.architecture == arch, "\(expected.name)") }
            if let purl = expected.purl { #expect(package.purl == purl) }
        }
    }

    @Test func dpkgParserKeepsNoVersionEntry() throws {
        let fixture = try RootfsCase("syft-dpkg-status-d-multiple")
        let entries = try DpkgStatusParser.entries(fixture.file("var/lib/dpkg/status.d/multiple"))
            .filter { $0.isInstalled(inStatusDirectory: true) }
        #expect(entries.map(\.package) == fixture.expected.packages.map(\.name))
        for (entry, expected) in zip(entries, fixture.expected.packages) {
            #expect(entry.version == expected.version)
            #expect(entry.source == expected.source)
            #expect(entry.architecture == expected.arch)
        }
        // The cataloger drops the entry that has no version.
        let packages = Cataloging.catalog(layers: [fixture.layer]).packages
        #expect(packages.map(\.name) == ["tzdata", "util-linux"])
    }

    @Test func dpkgParserSkipsDeinstalledEntry() throws {
        let fixture = try RootfsCase("syft-dpkg-status-d-deinstall")
        let file = fixture.file("var/lib/dpkg/status.d/deinstall")
        #expect(try DpkgStatusParser.entries(file).count == 2)
        let packages = try DpkgStatusParser.parse(file, CatalogContext(os: nil))
        let expected = try #require(fixture.expected.packages.first)
        #expect(packages.map(\.name) == [expected.name])
        #expect(packages.first?.version == expected.version)
        #expect(packages.first?.sourceName == expected.source)
        #expect(packages.first?.architecture == expected.arch)
    }

    @Test(arguments: ["syft-apk-single", "scalibr-apk-alpine-3.18"])
    func apkParserReadsEntryDetails(_ name: String) throws {
        let fixture = try RootfsCase(name)
        let entries = try ApkDBParser.entries(fixture.file("lib/apk/db/installed"))
        #expect(entries.count == fixture.expected.packages.count)
        for (entry, expected) in zip(entries, fixture.expected.packages) {
            #expect(entry.package == expected.name)
            #expect(entry.version == expected.version)
            #expect(entry.origin == expected.origin)
            #expect(entry.architecture == expected.arch)
            #expect(entry.licenses == expected.licenses)
            if let commit = expected.git_commit { #expect(entry.gitCommit == commit) }
            if let maintainer = expected.maintainer { #expect(entry.maintainer == maintainer) }
            if let checksum = expected.checksum { #expect(entry.checksum == checksum) }
        }
    }

    @Test func readsOSReleaseOfCases() throws {
        let debian = Cataloging.catalog(layers: [try RootfsCase("scalibr-dpkg-bookworm").layer]).os
        #expect(debian == OSRelease(id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"))
        let alpine = Cataloging.catalog(layers: [try RootfsCase("scalibr-apk-alpine-3.18").layer]).os
        #expect(alpine?.id == "alpine")
        #expect(alpine?.versionID == "3.18.0")
        #expect(Cataloging.catalog(layers: [try RootfsCase("syft-apk-multiple").layer]).os == nil)
    }

    @Test func encodesEpochInPurl() throws {
        let packages = Cataloging.catalog(layers: [try RootfsCase("scalibr-dpkg-bookworm").layer]).packages
        let attr = try #require(packages.first { $0.name == "attr" })
        #expect(attr.purl == "pkg:deb/debian/attr@1%3A2.5.1-4?arch=amd64&distro=debian-12")
        let extra = try #require(packages.first { $0.name == "util-linux-extra" })
        #expect(extra.purl == "pkg:deb/debian/util-linux-extra@2.38.1-5%2Bb1?arch=amd64&distro=debian-12&upstream=util-linux%402.38.1-5")
        let apk = Cataloging.catalog(layers: [try RootfsCase("scalibr-apk-alpine-3.18").layer]).packages
        #expect(apk.first { $0.name == "libssl3" }?.purl == "pkg:apk/alpine/libssl3@3.1.0-r4?arch=x86_64&distro=alpine-3.18.0&upstream=openssl")
        #expect(apk.first { $0.name == "musl" }?.purl == "pkg:apk/alpine/musl@1.2.4-r0?arch=x86_64&distro=alpine-3.18.0")
    }
}
