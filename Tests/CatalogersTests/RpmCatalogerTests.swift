@testable import Catalogers
import ScoutModel
import Testing

@Suite struct RpmCatalogerTests {
    static let marinerDB = "var/lib/rpm/rpmdb.sqlite"

    /// go-rpmdb's CBL-Mariner 2.0 rpmdb.sqlite: the asserted curl package and all 129 decoded rows.
    @Test func catalogsTheCBLMarinerSQLiteDatabase() throws {
        let fixture = try RootfsCase("gorpmdb-cbl-mariner-2.0")
        let result = Cataloging.catalog(layers: [fixture.layer])
        #expect(result.warnings.isEmpty)
        let expected = try FixtureFiles.json("rootfs/gorpmdb-cbl-mariner-2.0/expected.json")
        let derived = try #require((expected["derived_full_package_list"] as? [String: Any])?["packages"] as? [[String: Any]])
        let wanted = Set(derived.map { row -> String in
            let epoch = (row["epoch"] as? Int).map { "\($0):" } ?? ""
            return "\(row["name"]!) \(epoch)\(row["version"]!)-\(row["release"]!) \(row["arch"]!)"
        })
        #expect(Set(result.packages.map { "\($0.name) \($0.version) \($0.architecture ?? "")" }) == wanted)
        #expect(result.packages.count == 129)
        #expect(result.packages.allSatisfy { $0.type == .rpm && $0.cataloger == "rpm-db-cataloger" && $0.locations == [Self.marinerDB] })
        #expect(result.packages.allSatisfy { $0.layerDiffID == fixture.layer.diffID })

        // The package go-rpmdb's test asserts, field by field.
        let entries = try RpmDBParser.entries(fixture.file(Self.marinerDB))
        let curl = try #require(entries.first { $0.name == "curl" })
        #expect(curl == RpmDBEntry(name: "curl", version: "7.76.0", release: "6.cm2", epoch: nil, architecture: "x86_64",
                                   sourceRPM: "curl-7.76.0-6.cm2.src.rpm", license: "MIT", vendor: "Microsoft Corporation",
                                   size: 326023, installTime: 1643279454, sigMD5: "b5f5369ae91df3672fa3338669ec5ca2"))
        let package = try #require(result.packages.first { $0.name == "curl" })
        #expect(package.sourceName == "curl")
        #expect(package.sourceVersion == nil)
        #expect(package.licenses == ["MIT"])
        // No os-release in this case: no namespace, no distro.
        #expect(package.purl == "pkg:rpm/curl@7.76.0-6.cm2?arch=x86_64&upstream=curl-7.76.0-6.cm2.src.rpm")
    }

    @Test func epochSourceAndDistroGoIntoVersionAndPurl() throws {
        var layer = try RootfsCase("gorpmdb-cbl-mariner-2.0").layer
        layer.files["etc/os-release"] = Array("ID=mariner\nVERSION_ID=\"2.0\"\n".utf8)
        let packages = Cataloging.catalog(layers: [layer]).packages
        let shared = try #require(packages.first { $0.name == "ca-certificates-shared" })
        #expect(shared.version == "1:2.0.0-1.cm2")
        #expect(shared.sourceName == "ca-certificates")
        #expect(shared.sourceVersion == nil)
        #expect(shared.matchVersion == "1:2.0.0-1.cm2")
        #expect(shared.purl == "pkg:rpm/mariner/ca-certificates-shared@2.0.0-1.cm2?arch=noarch&distro=mariner-2.0&epoch=1&upstream=ca-certificates-2.0.0-1.cm2.src.rpm")
    }

    /// Databases written by Debian's rpm 4.18 (`make-rpm-fixtures.sh`): SQLite, and the same headers in a
    /// Berkeley DB hash file that rpm's `bdb_ro` backend reads back.
    @Test(arguments: ["sqlite/var/lib/rpm/rpmdb.sqlite", "bdb/var/lib/rpm/Packages", "bdb-16k/var/lib/rpm/Packages"])
    func readsDatabasesWrittenByRpm(_ fixture: String) throws {
        let path = String(fixture.drop { $0 != "/" }.dropFirst())
        let file = DatabaseFile(path: path, content: try FixtureFiles.bytes("rpm/" + fixture))
        #expect(RpmDBParser.matches(path))
        let entries = try RpmDBParser.entries(file)
        #expect(entries.map(\.name).sorted() == ["fixture-tool", "fixture-tool-libs"])
        let tool = try #require(entries.first { $0.name == "fixture-tool" })
        #expect(tool.fullVersion == "2:1.4.2-3.fx1")
        #expect(tool.architecture == "noarch")
        #expect(tool.license == "MIT AND (BSD-3-Clause OR GPL-2.0-or-later)")
        #expect(tool.vendor == "scout-report fixtures")
        #expect(tool.sourceRPM == "fixture-tool-1.4.2-3.fx1.src.rpm")
        let packages = try RpmDBParser.parse(file, CatalogContext(os: OSRelease(id: "rocky", versionID: "9.3")))
        let libs = try #require(packages.first { $0.name == "fixture-tool-libs" })
        #expect(libs.sourceName == "fixture-tool")
        #expect(libs.licenses == ["MIT"])
        #expect(libs.purl == "pkg:rpm/rocky/fixture-tool-libs@1.4.2-3.fx1?arch=noarch&distro=rocky-9.3&epoch=2&upstream=fixture-tool-1.4.2-3.fx1.src.rpm")
    }

    @Test func sourceRPMNamesSplitOnTheLastTwoDashes() {
        let entry = { (source: String) in RpmDBEntry(name: "x", version: "1", release: "1", sourceRPM: source).source }
        #expect(entry("openssl-1.1.1k-5.el8.src.rpm")! == ("openssl", "1.1.1k-5.el8"))
        #expect(entry("python3-pip-21.2.3-7.el9.noarch.src.rpm")?.name == "python3-pip")
        #expect(entry("glibc-2.34-60.el9.nosrc.rpm")! == ("glibc", "2.34-60.el9"))
        #expect(entry("nodash.src.rpm") == nil)
        #expect(entry("not-an-rpm") == nil)
    }

    @Test func sourceVersionDiffersOnlyWhenTheSourceRPMDoes() {
        let entry = RpmDBEntry(name: "kernel-headers", version: "5.14.0", release: "1.el9", epoch: 1, sourceRPM: "kernel-5.14.0-2.el9.src.rpm")
        let package = RpmDBParser.package(for: entry, path: "var/lib/rpm/Packages", os: nil)
        #expect(package.sourceName == "kernel")
        #expect(package.sourceVersion == "1:5.14.0-2.el9")
        #expect(package.matchVersion == "1:5.14.0-2.el9")
    }

    @Test func pathsUnderTheThreeRpmDirectories() {
        for path in ["var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages.db",
                     "usr/share/rpm/rpmdb.sqlite"] {
            #expect(Cataloging.wants(path), "\(path)")
        }
        for path in ["var/lib/rpm/Name", "var/lib/rpm/rpmdb.sqlite-wal", "var/lib/rpm/sub/Packages", "opt/var/lib/rpm/Packages"] {
            #expect(!RpmDBParser.matches(path), "\(path)")
        }
    }

    @Test func osvEcosystemsOfRpmDistributions() {
        #expect(OSRelease(id: "rocky", versionID: "9.3").osvEcosystem == "Rocky Linux:9")
        #expect(OSRelease(id: "almalinux", versionID: "8.9").osvEcosystem == "AlmaLinux:8")
        #expect(OSRelease(id: "mariner", versionID: "2.0").osvEcosystem == "Azure Linux:2")
        #expect(OSRelease(id: "azurelinux", versionID: "3.0").osvEcosystem == "Azure Linux:3")
        #expect(OSRelease(id: "rhel", versionID: "9.4").osvEcosystem == "Red Hat:enterprise_linux:9::baseos")
        #expect(OSRelease(id: "opensuse-leap", versionID: "15.5", prettyName: "openSUSE Leap 15.5").osvEcosystem == "openSUSE:Leap 15.5")
        #expect(OSRelease(id: "sles", versionID: "15.5", prettyName: "SUSE Linux Enterprise Server 15 SP5").osvEcosystem
                == "SUSE:Linux Enterprise Server 15 SP5")
        #expect(OSRelease(id: "fedora", versionID: "39").osvEcosystem == nil)
        #expect(OSRelease(id: "amzn", versionID: "2023").osvEcosystem == nil)
    }
}
