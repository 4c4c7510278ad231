import Foundation
import Reports
import ScoutModel
import Testing

/// `sbom://` input: documents written by this tool read back into the same packages.
@Suite struct SBOMDocumentReaderTests {
    func identities(_ packages: [Package]) -> [String] {
        packages.map { "\($0.type.rawValue)|\($0.name)|\($0.version)|\($0.sourceName ?? "-")|\($0.purl)" }.sorted()
    }

    @Test func readsCycloneDXBack() throws {
        let image = try ReportFixtures.alpine("3.11")
        let text = try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: true)
        let document = try SBOMDocumentReader.read(Data(text.utf8), subject: "alpine.cdx.json")
        #expect(document.format == "CycloneDX 1.6")
        #expect(document.digest == image.digest)
        #expect(document.os?.id == "alpine" && document.os?.versionID == "3.11.5")
        #expect(identities(document.packages) == identities(image.sbom.packages))
        let busybox = try #require(document.packages.first { $0.name == "ssl_client" })
        #expect(busybox.sourceName == "busybox")
        #expect(busybox.locations == ["lib/apk/db/installed"])
        #expect(busybox.licenses == ["GPL-2.0-only"])
    }

    @Test func readsSPDXBack() throws {
        let image = try ReportFixtures.postgres()
        let text = try SPDXReport.render(image, toolVersion: "0.1.0", created: "2026-01-01T00:00:00Z")
        let document = try SBOMDocumentReader.read(Data(text.utf8), subject: "postgres.spdx.json")
        #expect(document.format == "SPDX-2.3")
        #expect(document.digest == image.digest)
        #expect(document.os?.id == "debian" && document.os?.versionID == "10")
        #expect(identities(document.packages) == identities(image.sbom.packages))
        #expect(document.os?.osvEcosystem == "Debian:10")
    }

    @Test func purlQualifiersGiveSourceAndOS() throws {
        // syft's convention: `upstream=` names the source package, `distro=` the release.
        let json = """
            {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
              {"type":"library","name":"libssl3","version":"3.0.11-1~deb12u2",
               "purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12"},
              {"type":"library","name":"left-pad","version":"1.3.0"},
              {"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}]}
            """
        let document = try SBOMDocumentReader.read(Data(json.utf8), subject: "syft.json")
        #expect(document.packages.count == 2)
        #expect(document.skipped == 1)
        #expect(document.digest == nil)
        let ssl = try #require(document.packages.first { $0.type == .deb })
        #expect(ssl.sourceName == "openssl" && ssl.version == "3.0.11-1~deb12u2" && ssl.architecture == "amd64")
        #expect(document.os?.osvEcosystem == "Debian:12")
    }

    @Test func rejectsOtherJSON() {
        let error = #expect(throws: ReportError.self) { try SBOMDocumentReader.read(Data("{\"a\":1}".utf8), subject: "x.json") }
        #expect(error?.description.contains("x.json") == true)
        #expect(throws: ReportError.self) { try SBOMDocumentReader.read(Data("not json".utf8), subject: "y") }
    }
}
