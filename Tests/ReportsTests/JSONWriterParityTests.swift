import Foundation
@testable import Reports
import ScoutModel
import Testing

/// SARIF, CycloneDX and SPDX are written through `JSONWriter`; their `Encodable` documents stay as the
/// oracle: for the same document, `JSONEncoder` (the path the reports used before) and the writer must
/// give the same bytes, on the real fixture images and on an image full of hostile strings.
@Suite struct JSONWriterParityTests {
    static func images() throws -> [ImageReport] {
        var bare = try ReportFixtures.postgres()
        bare.sbom.os = nil
        bare.sbom.metadata.platform = nil
        bare.repository = nil
        return [try ReportFixtures.alpine("3.10"), try ReportFixtures.alpine("3.11"), try ReportFixtures.postgres(),
                bare, hostileImage(repository: "evil/\"repo\""), hostileImage(repository: nil)]
    }

    /// Strings a hostile package database or advisory feed could hold.
    static let hostile = [
        "quote \" backslash \\ slash / </script>", "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1B}\u{1F}\u{7F}",
        "é 中文 😀 👩‍👩‍👧‍👦 \u{2028}\u{2029} \u{FEFF} e\u{301}", "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)", "line\r\nbreak", String(repeating: "long\\\"", count: 120),
    ]

    static func hostileImage(repository: String?) -> ImageReport {
        let h = hostile
        var packages: [Package] = []
        for (index, text) in h.enumerated() {
            packages.append(Package(
                type: index % 2 == 0 ? .deb : .npm, name: "pkg-\(text)", version: "1.\(index)-\(text)",
                sourceName: index % 3 == 0 ? nil : "src \(text)", sourceVersion: index % 2 == 0 ? nil : text,
                purl: index == 1 ? "" : "pkg:npm/\(DocumentIdentity.percentEncode(text))@1.\(index)",
                licenses: index % 2 == 0 ? [] : [text, "MIT"], layerDiffID: index % 2 == 0 ? nil : "sha256:\(index)",
                locations: index == 0 ? [] : ["usr/lib/\(text)", "a/\(index)"], cataloger: "cat-\(text)",
                architecture: index % 3 == 2 ? text : nil))
        }
        // The same purl twice: the CycloneDX writer numbers the second reference.
        packages.append(Package(type: .npm, name: "twin", version: "2", purl: "pkg:npm/twin@2", cataloger: "c"))
        packages.append(Package(type: .npm, name: "twin", version: "2", purl: "pkg:npm/twin@2", cataloger: "c", architecture: "x"))
        let vectors: [String?] = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0/AV:L", "CVSS:4.0/AV:N", "AV:N/AC:L/Au:N", "weird", nil]
        let scores: [Double?] = [9.8, 7.0, 4.35, 10, 0.1, nil]
        var findings: [Finding] = []
        for (index, package) in packages.enumerated() {
            for round in 0..<2 {
                let pick = (index + round) % vectors.count
                findings.append(Finding(
                    vulnerabilityID: round == 0 ? "CVE-2024-\(1000 + index)" : "GHSA-\(h[index % h.count])",
                    aliases: round == 0 ? ["GHSA-x-\(index)", h[index % h.count]] : ["CVE-2023-\(index)"],
                    package: package, severity: Severity.allCases[(index + round) % Severity.allCases.count],
                    cvssScore: scores[pick], cvssVector: vectors[pick], severitySource: pick % 2 == 0 ? "NVD \(h[pick])" : nil,
                    affectedRange: "< \(h[index % h.count])", fixedVersions: pick == 5 ? [] : ["2.\(index)", h[pick]],
                    summary: pick == 4 ? nil : "summary \(h[(index + 1) % h.count])",
                    details: pick == 3 ? nil : "**details** \(h[(index + 2) % h.count])",
                    references: pick == 2 ? [] : ["https://example.invalid/\(index)?q=\"x\"&y=\\", h[pick]],
                    ecosystem: "npm", isNew: round == 0))
            }
        }
        let metadata = ImageMetadata(
            manifestDigest: repository == nil ? "odd-digest-\(h[0])" : "sha256:" + String(repeating: "ab12", count: 16),
            platform: Platform(os: "linux", architecture: "arm64", variant: "v8"), created: "2026-01-01T00:00:00Z",
            size: 1234)
        return ImageReport(
            repository: repository, tags: repository == nil ? [] : ["t\"ag/\u{1}", "latest"], source: "archive://\(h[0])",
            sbom: ImageSBOM(metadata: metadata, os: OSRelease(id: "deb\"ian", versionID: "1\u{0}2", prettyName: h[2]),
                            packages: packages, warnings: []),
            findings: findings)
    }

    @Test func sarifIsJSONEncodersBytes() throws {
        for image in try Self.images() {
            let oracle = try JSONOutput.encode(SARIFReport.document(image, toolVersion: "0.1.0\"/x"), format: "SARIF", subject: "")
            #expect(try SARIFReport.render(image, toolVersion: "0.1.0\"/x") == oracle, "\(image.displayName)")
        }
    }

    @Test func cycloneDXIsJSONEncodersBytes() throws {
        for image in try Self.images() {
            for withVulnerabilities in [true, false] {
                let document = CycloneDXReport.document(image, toolVersion: "0.1.0", withVulnerabilities: withVulnerabilities)
                let oracle = try JSONOutput.encode(document, format: "CycloneDX", subject: "")
                let written = try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: withVulnerabilities)
                #expect(written == oracle, "\(image.displayName) vulnerabilities: \(withVulnerabilities)")
            }
        }
    }

    @Test func spdxIsJSONEncodersBytes() throws {
        for image in try Self.images() {
            let oracle = try JSONOutput.encode(SPDXReport.document(image, toolVersion: "0.1.0", created: "2026-01-01T00:00:00Z"),
                                               format: "SPDX", subject: "")
            #expect(try SPDXReport.render(image, toolVersion: "0.1.0", created: "2026-01-01T00:00:00Z") == oracle, "\(image.displayName)")
        }
    }

    /// The hostile image reaches every optional member, so a member written in the wrong order or
    /// under the wrong key cannot hide behind a fixture that leaves it out.
    @Test func hostileImageReachesEveryOptionalMember() throws {
        let image = Self.hostileImage(repository: "evil")
        let cyclonedx = try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: true)
        for member in ["\"description\"", "\"licenses\"", "\"advisories\"", "\"references\"", "\"recommendation\"",
                       "\"detail\"", "\"method\"", "\"vector\"", "\"score\" : 7,", "\"score\" : 4.35", "pkg:npm/twin@2#2"] {
            #expect(cyclonedx.contains(member), "CycloneDX lacks \(member)")
        }
        let spdx = try SPDXReport.render(image, toolVersion: "0.1.0", created: "x")
        for member in ["\"checksums\"", "\"licenseComments\"", "\"sourceInfo\"", "\"comment\" : \"CVE-"] {
            #expect(spdx.contains(member), "SPDX lacks \(member)")
        }
        let sarif = try SARIFReport.render(image, toolVersion: "0.1.0")
        #expect(sarif.contains("\"security-severity\" : \"7.0\""))
        #expect(sarif.contains("\"os\" : \"deb\\\"ian"))
        #expect(sarif.contains("\\u0000") && sarif.contains("\\b") && sarif.contains("</script>"))
    }

    @Test func aNonFiniteScoreFailsAsJSONEncoderDid() throws {
        var image = try ReportFixtures.alpine("3.11")
        image.findings[0].cvssScore = .nan
        #expect(throws: ReportError.self) { try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: true) }
        #expect(throws: ReportError.self) {
            try JSONOutput.encode(CycloneDXReport.document(image, toolVersion: "0.1.0", withVulnerabilities: true), format: "CycloneDX", subject: "")
        }
    }
}

/// The hostile image's documents as the `JSONEncoder` path wrote them (recorded before the writer
/// and the faster document building): sorting, SPDX ids and references must not change.
@Suite struct HostileDocumentGoldenTests {
    @Test func hostileImageDocumentsAreUnchanged() throws {
        let image = JSONWriterParityTests.hostileImage(repository: "evil/\"repo\"")
        assertGolden(try SARIFReport.render(image, toolVersion: "0.1.0"), named: "HostileImage", ext: "sarif")
        assertGolden(try CycloneDXReport.render(image, toolVersion: "0.1.0", withVulnerabilities: true), named: "HostileImage", ext: "cdx.json")
        assertGolden(try SPDXReport.render(image, toolVersion: "0.1.0", created: "2026-01-01T00:00:00Z"), named: "HostileImage", ext: "spdx.json")
    }

    @Test func spdxIDsSanitizeOneDashPerCharacter() {
        for text in JSONWriterParityTests.hostile + ["a\r\nb", "e\u{301}x", "libstdc++6", "python3_pkg.resources-1", "\r\r\n\n", ""] {
            let reference = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
            #expect(SPDXReport.sanitize(text) == reference, "\(text.debugDescription)")
        }
        #expect(SPDXReport.sanitize("a\r\nb é") == "a-b--")
    }
}
