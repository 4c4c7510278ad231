import Foundation
import Reports
import ScoutModel
import Testing

/// CycloneDX, SPDX and GitLab documents: goldens, official schemas, and the facts a wrong writer gets wrong.
@Suite struct DocumentFormatsTests {
    static let created = "2026-01-01T00:00:00Z"

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func cycloneDXWithVulnerabilities() throws {
        let image = try ReportFixtures.alpine("3.11")
        let text = try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: true)
        let root = try object(text)
        #expect(root["specVersion"] as? String == "1.6")
        let serial = try #require(root["serialNumber"] as? String)
        let hex = image.digest.dropFirst("sha256:".count)
        #expect(serial.hasPrefix("urn:uuid:\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))-5\(hex.dropFirst(13).prefix(3))-"))
        #expect(serial.range(of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil)
        let components = try #require(root["components"] as? [[String: Any]])
        // 14 apk packages plus the operating system.
        #expect(components.count == image.sbom.packages.count + 1)
        let os = try #require(components.first { $0["type"] as? String == "operating-system" })
        #expect(os["name"] as? String == "alpine")
        let vulnerabilities = try #require(root["vulnerabilities"] as? [[String: Any]])
        #expect(vulnerabilities.count == 21)
        let critical = try #require(vulnerabilities.first { $0["id"] as? String == "CVE-2021-3711" })
        let rating = try #require((critical["ratings"] as? [[String: Any]])?.first)
        #expect(rating["severity"] as? String == "critical")
        #expect(rating["method"] as? String == "CVSSv31")
        #expect((rating["score"] as? NSNumber)?.doubleValue == 9.8)
        let affects = try #require(critical["affects"] as? [[String: Any]])
        #expect(Set(affects.compactMap { $0["ref"] as? String }) == [
            "pkg:apk/alpine/libcrypto1.1@1.1.1d-r3?os_name=alpine&os_version=3.11",
            "pkg:apk/alpine/libssl1.1@1.1.1d-r3?os_name=alpine&os_version=3.11",
        ])
        #expect(critical["recommendation"] as? String == "Upgrade openssl to 1.1.1l-r0")
        assertGolden(text, named: "CycloneDXAlpine311", ext: "cdx.json")
    }

    @Test func cycloneDXSBOMHasNoVulnerabilities() throws {
        let text = try CycloneDXReport.render(try ReportFixtures.postgres(), toolVersion: "0.1.0", withVulnerabilities: false)
        #expect(try object(text)["vulnerabilities"] == nil)
        assertGolden(text, named: "CycloneDXPostgresSBOM", ext: "cdx.json")
    }

    @Test func cycloneDXValidatesAgainstBOM16() throws {
        for image in [try ReportFixtures.alpine("3.11"), try ReportFixtures.alpine("3.10"), try ReportFixtures.postgres()] {
            for vulnerabilities in [true, false] {
                let text = try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: vulnerabilities)
                let outcome = try SchemaValidation.validate(text, schema: "cyclonedx-1.6/bom-1.6.schema.json")
                #expect(outcome.status == 0, "CycloneDX of \(image.displayName) does not validate:\n\(outcome.output)")
            }
        }
    }

    @Test func schemaCheckRejectsABrokenDocument() throws {
        // The validator must be able to fail: a severity outside CycloneDX's enum is refused.
        let text = try CycloneDXReport.render(try ReportFixtures.alpine("3.11"), toolVersion: "0.1.0", withVulnerabilities: true)
            .replacingOccurrences(of: "\"severity\" : \"critical\"", with: "\"severity\" : \"catastrophic\"")
        let outcome = try SchemaValidation.validate(text, schema: "cyclonedx-1.6/bom-1.6.schema.json")
        #expect(outcome.status == 1, "\(outcome.output)")
    }

    @Test func spdxDocument() throws {
        let image = try ReportFixtures.alpine("3.11")
        let text = try SPDXReport.render(image, toolVersion: "0.1.0", created: Self.created)
        let root = try object(text)
        #expect(root["spdxVersion"] as? String == "SPDX-2.3")
        #expect((root["creationInfo"] as? [String: Any])?["created"] as? String == Self.created)
        let packages = try #require(root["packages"] as? [[String: Any]])
        #expect(packages.count == image.sbom.packages.count + 2) // the image and the operating system
        let container = try #require(packages.first { $0["primaryPackagePurpose"] as? String == "CONTAINER" })
        #expect(container["versionInfo"] as? String == image.digest)
        let libssl = try #require(packages.first { $0["name"] as? String == "libssl1.1" })
        let advisories = (libssl["externalRefs"] as? [[String: Any]] ?? []).filter { $0["referenceCategory"] as? String == "SECURITY" }
        #expect(advisories.count == 9, "the 9 openssl CVEs of Alpine 3.11")
        #expect(libssl["sourceInfo"] as? String == "source package: openssl")
        let relationships = try #require(root["relationships"] as? [[String: Any]])
        #expect(relationships.filter { $0["relationshipType"] as? String == "CONTAINS" }.count == image.sbom.packages.count + 1)
        assertGolden(text, named: "SPDXAlpine311", ext: "spdx.json")
        var bare = try ReportFixtures.postgres()
        bare.findings = []
        assertGolden(try SPDXReport.render(bare, toolVersion: "0.1.0", created: Self.created), named: "SPDXPostgresSBOM", ext: "spdx.json")
    }

    @Test func spdxValidatesAgainstSPDX23() throws {
        for image in [try ReportFixtures.alpine("3.11"), try ReportFixtures.postgres()] {
            let text = try SPDXReport.render(image, toolVersion: "0.1.0", created: Self.created)
            let outcome = try SchemaValidation.validate(text, schema: "spdx-2.3/spdx-schema.json")
            #expect(outcome.status == 0, "SPDX of \(image.displayName) does not validate:\n\(outcome.output)")
        }
    }

    @Test func gitlabContainerScanningReport() throws {
        let image = try ReportFixtures.alpine("3.11")
        let text = try GitLabReport.render(image, toolVersion: "0.1.0", scanTime: Self.created)
        let root = try object(text)
        #expect(root["version"] as? String == GitLabReport.schemaVersion)
        let scan = try #require(root["scan"] as? [String: Any])
        #expect(scan["type"] as? String == "container_scanning")
        #expect(scan["start_time"] as? String == "2026-01-01T00:00:00")
        let vulnerabilities = try #require(root["vulnerabilities"] as? [[String: Any]])
        #expect(vulnerabilities.count == 42, "21 vulnerabilities on two binary packages each")
        #expect(Set(vulnerabilities.compactMap { $0["id"] as? String }).count == 42, "ids are unique")
        let musl = try #require(vulnerabilities.first {
            (($0["location"] as? [String: Any])?["dependency"] as? [String: Any]).flatMap { ($0["package"] as? [String: Any])?["name"] as? String } == "musl-utils"
        })
        #expect(musl["severity"] as? String == "Medium")
        #expect(musl["solution"] as? String == "Upgrade musl-utils to 1.1.24-r3")
        let location = try #require(musl["location"] as? [String: Any])
        #expect(location["operating_system"] as? String == "alpine 3.11.5")
        #expect(location["image"] as? String == "alpine:3.11")
        let identifiers = try #require(musl["identifiers"] as? [[String: Any]])
        #expect(identifiers.first?["type"] as? String == "cve")
        assertGolden(text, named: "GitLabAlpine311", ext: "json")
        let postgres = try GitLabReport.render(try ReportFixtures.postgres(), toolVersion: "0.1.0", scanTime: Self.created)
        #expect(postgres.contains("\"severity\" : \"Unknown\""), "unscored CVE-2023-0215 is Unknown")
        assertGolden(postgres, named: "GitLabPostgres", ext: "json")
    }
}
