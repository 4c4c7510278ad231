import Catalogers
import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

/// rpm and Go packages, as the catalogers find them in real fixtures, matched through the shared matcher.
@Suite struct BinaryAndRpmMatchingTests {
    private static func layer(_ files: [String: String]) throws -> LayerFiles {
        var contents: [String: [UInt8]] = [:]
        for (inImage, fixture) in files {
            contents[inImage] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.fixture(fixture))))
        }
        return LayerFiles(diffID: "sha256:" + String(repeating: "a", count: 64), files: contents)
    }

    @Test func rpmPackagesMatchByTheirSourceRPMName() throws {
        // The real CBL-Mariner 2.0 rpmdb plus an os-release as CBL-Mariner 2.0 writes it.
        var layer = try Self.layer(["var/lib/rpm/rpmdb.sqlite": "rootfs/gorpmdb-cbl-mariner-2.0/var/lib/rpm/rpmdb.sqlite"])
        layer.files["etc/os-release"] = Array("NAME=\"Common Base Linux Mariner\"\nVERSION=\"2.0.20220226\"\nID=mariner\nVERSION_ID=\"2.0\"\n".utf8)
        let catalog = Cataloging.catalog(layers: [layer])
        #expect(catalog.os?.osvEcosystem == "Azure Linux:2")
        // A record written for this test: `openssl` is a source RPM whose binaries are openssl and openssl-libs.
        let record = """
        {"id": "TEST-RPM-1", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2099-0001"],
         "affected": [{"package": {"ecosystem": "Azure Linux:2", "name": "openssl"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1.1k-99.cm2"}]}]},
                      {"package": {"ecosystem": "Azure Linux:2", "name": "curl"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "7.76.0-6.cm2"}]}]}]}
        """
        let advisory = try OSVDecoder.decodeJSON(Data(record.utf8), path: "TEST-RPM-1.json")
        let index = AdvisoryIndex(sources: [("test", [advisory])], cvss: [])
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:test"), os: catalog.os, packages: catalog.packages, warnings: [])
        let result = Matcher.match(sbom, against: index)
        #expect(result.warnings.isEmpty)
        let openssl = catalog.packages.filter { $0.sourceName == "openssl" }
        #expect(openssl.count >= 2)
        #expect(Set(result.findings.map(\.package.name)) == Set(openssl.map(\.name)))
        // curl 7.76.0-6.cm2 is exactly the fixed version: not affected.
        #expect(!result.findings.contains { $0.package.name == "curl" })
        #expect(result.findings.allSatisfy { $0.vulnerabilityID == "CVE-2099-0001" && $0.ecosystem == "Azure Linux:2" })
    }

    @Test func goStdlibOfARealBinaryMatchesTheGoVulnerabilityDatabase() throws {
        let binary = "usr/local/bin/binary_with_module_replacement-linux-amd64"
        let catalog = Cataloging.catalog(layers: [try Self.layer([binary: "rootfs/scalibr-go-binary/" + binary])])
        let stdlib = try #require(catalog.packages.first { $0.name == "stdlib" })
        #expect(stdlib.version == "1.22.0")
        var advisories: [Advisory] = []
        for id in ["GO-2024-2598", "GO-2024-2824", "GO-2024-2887"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("advisories/\(id).json")))
            advisories.append(try OSVDecoder.decodeJSON(data, path: "\(id).json"))
        }
        let index = AdvisoryIndex(sources: [("osv-go", advisories)], cvss: [])
        let sbom = ImageSBOM(metadata: ImageMetadata(manifestDigest: "sha256:go"), os: nil, packages: catalog.packages, warnings: [])
        let result = Matcher.match(sbom, against: index)
        #expect(result.warnings.isEmpty)
        #expect(result.findings.allSatisfy { $0.package.name == "stdlib" && $0.ecosystem == "Go" })
        #expect(Set(result.findings.map(\.vulnerabilityID)) == ["CVE-2024-24783", "CVE-2024-24788", "CVE-2024-24790"])

        // Go 1.22.3 is past GO-2024-2824's fix (1.22.3) and 2598's (1.22.1), not 2887's (1.22.4).
        var patched = stdlib
        patched.version = "1.22.3"
        let later = Matcher.match(ImageSBOM(metadata: sbom.metadata, os: nil, packages: [patched], warnings: []), against: index)
        #expect(later.findings.map(\.vulnerabilityID) == ["CVE-2024-24790"])
    }
}
