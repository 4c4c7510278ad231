import Foundation
import Testing
import BaseImages
import ImageSource
@testable import Pipeline
import Reports
import ScoutModel

@Suite struct TagAndNameTests {
    @Test(arguments: [
        ("3.12-slim", "3.12", "slim"), ("18-alpine3.19", "18", "alpine3.19"), ("1.0", "1.0", ""),
        ("bookworm", nil, "bookworm"), ("v2.1.0-bookworm-slim", "2.1.0", "bookworm-slim"), ("latest", nil, "latest"),
    ] as [(String, String?, String)])
    func tagsSplitIntoVersionAndFlavour(tag: String, version: String?, flavour: String) {
        let parsed = TagVersion(tag)
        #expect(parsed.version == version)
        #expect(parsed.flavour == flavour)
    }

    @Test func newerMeansSameFlavourAndHigherVersion() {
        #expect(TagVersion("3.14-slim").isNewer(than: TagVersion("3.12-slim")))
        #expect(TagVersion("3.10-slim").isNewer(than: TagVersion("3.9-slim")), "numeric, not lexical")
        #expect(!TagVersion("3.14").isNewer(than: TagVersion("3.12-slim")), "another flavour")
        #expect(!TagVersion("3.12.0-slim").isNewer(than: TagVersion("3.12-slim")), "the same version")
        #expect(!TagVersion("sid-scm").isNewer(than: TagVersion("bullseye-scm")), "codenames have no order")
    }

    @Test func namesFromAnnotationsAndPurls() {
        let parts = ImageName.parse("docker.io/library/alpine:3.18@sha256:abc")
        #expect(parts.repository == "docker.io/library/alpine" && parts.tag == "3.18" && parts.digest == "sha256:abc")
        #expect(ImageName.parse("localhost:5000/team/app").tag == nil, "a port is not a tag")
        let purl = ImageName.parsePurl("pkg:docker/alpine@3.18?platform=linux%2Famd64")
        #expect(purl?.repository == "alpine" && purl?.tag == "3.18")
        #expect(ImageName.key("docker.io/library/alpine") == ImageName.key("library/alpine"))
        #expect(ImageName.qualified("library/debian") == "docker.io/library/debian")
        #expect(ImageName.qualified("ghcr.io/org/app") == "ghcr.io/org/app")
    }

    @Test func globs() {
        #expect(Glob.matches("docker.io/library/*", "docker.io/library/alpine"))
        #expect(Glob.matches("docker.io/*/node", "docker.io/library/node"))
        #expect(!Glob.matches("docker.io/library/*", "ghcr.io/library/alpine"))
        #expect(Glob.matches("alpine:3.1?", "alpine:3.19") && !Glob.matches("alpine:3.1?", "alpine:3.1"))
    }
}

@Suite struct PolicyTests {
    @Test(arguments: [(91.0, "A"), (90.0, "B"), (70.5, "B"), (70.0, "C"), (50.0, "D"), (30.0, "E"), (10.5, "E"), (10.0, "F"), (0.0, "F")])
    func gradeThresholdsAreStrict(percent: Double, grade: String) {
        #expect(PolicyEvaluator.grade(percent) == grade)
    }

    @Test func noDataPoliciesLeaveTheScoreAndAllMissingGivesNoGrade() {
        let results = [
            PolicyResult(id: "a", title: "a", status: .compliant, points: 20, detail: ""),
            PolicyResult(id: "b", title: "b", status: .noData, points: 15, detail: "No data"),
            PolicyResult(id: "c", title: "c", status: .violated, points: 5, detail: ""),
        ]
        let report = PolicyEvaluator.score(results)
        #expect(report.percent == 80 && report.grade == "B")
        #expect(report.summary == "(1/3 policies met, 1 missing data)")
        let none = PolicyEvaluator.score([results[1]])
        #expect(none.grade == nil && none.gradeDisplay == "No data")
    }

    @Test func userGraceHighProfileAndLicences() throws {
        let package = Package(type: .apk, name: "ghostscript", version: "9.50-r0", purl: "pkg:apk/alpine/ghostscript@9.50-r0",
                              licenses: ["AGPL-3.0-or-later"], cataloger: "apk-db-cataloger")
        let recent = Finding(vulnerabilityID: "CVE-2020-1967", package: package, severity: .high, affectedRange: "<1.1.1g-r0",
                             fixedVersions: ["1.1.1g-r0"], ecosystem: "Alpine:v3.10", firstSeen: "2026-01-01T00:00:00Z")
        var old = recent
        old.vulnerabilityID = "CVE-2014-0160"
        old.firstSeen = "2025-01-01T00:00:00Z"
        let image = ImageReport(repository: "x", tags: ["1"], source: "s", sbom: ImageSBOM(
            metadata: ImageMetadata(manifestDigest: "sha256:1", user: "0:0"), os: nil, packages: [package], warnings: []),
            findings: [recent, old])
        let report = PolicyEvaluator(settings: PolicySettings(fixableGraceDays: 30), now: "2026-01-10T00:00:00Z").evaluate(image, base: nil)
        let byID = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })
        #expect(byID["fixable-critical-high"]?.counts == SeverityCounts(high: 1), "the 9-day-old one is within the grace period")
        #expect(byID["high-profile-vulnerabilities"]?.status == .violated)
        #expect(byID["default-non-root-user"]?.detail == "root (explicit)")
        #expect(byID["no-agpl-v3-licenses"]?.status == .violated)
        #expect(byID["supply-chain-attestations"]?.status == .noData, "unknown for images stored before attestations were read")
        #expect(byID["approved-base-images"]?.status == .noData && byID["no-outdated-base-images"]?.status == .noData)
        let text = PolicyStatusReport.render(report)
        #expect(text.hasPrefix("Policy status  FAILED  (0/7 policies met, 3 missing data)\nHealth score  F (0%)\n"), "\(text)")
        #expect(text.contains("  !      │ No fixable critical or high vulnerabilities │    0C     1H     0M     0L\n"), "\(text)")
    }
}

@Suite struct AttestationAndConfigTests {
    @Test func provenanceNamesTheBaseAndAttestationsPassThePolicy() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let base = try Fixtures.alpineLayer("alpine-3.10")
        let statement = #"""
        {"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v0.2","subject":[],
         "predicate":{"invocation":{"parameters":{"frontend":"gateway.v0","args":{"source":"docker/dockerfile:1"}}},
          "materials":[{"uri":"pkg:docker/docker/dockerfile@1","digest":{"sha256":"aaaa"}},
                       {"uri":"pkg:docker/alpine@3.10?platform=linux%2Famd64","digest":{"sha256":"bbbb"}}]}}
        """#
        let url = directory.url.appendingPathComponent("img")
        try OCIImageWriter.write(.init(layers: [base, Fixtures.appLayer("x")], user: "app", attestations: [
            ("https://spdx.dev/Document", #"{"predicateType":"https://spdx.dev/Document","predicate":{}}"#),
            ("https://slsa.dev/provenance/v0.2", statement),
        ]), to: url)
        let handle = try ImageOpener.open(ImageReference(parsing: "oci-dir://" + url.path))
        let attestations = try #require(handle.metadata.attestations)
        #expect(attestations.hasSBOM && attestations.hasProvenance)
        #expect(attestations.provenanceImages == [ProvenanceMaterial(uri: "pkg:docker/alpine@3.10?platform=linux%2Famd64", digest: "sha256:bbbb")])

        let image = ImageReport(repository: "x", tags: ["1"], source: "s",
                                sbom: ImageSBOM(metadata: handle.metadata, os: nil, packages: [], warnings: []), findings: [])
        let catalog = BaseImageCatalog(images: [image], history: [])
        let summary = try #require(BaseImageAdvisor(catalog: catalog).summary(for: image))
        #expect(summary.method == .provenance && !summary.autoDetected)
        #expect(summary.base.reference.displayName == "alpine:3.10")
        let policies = PolicyEvaluator(settings: PolicySettings(), now: "2026-01-01T00:00:00Z").evaluate(image, base: summary)
        #expect(policies.results.first { $0.id == "supply-chain-attestations" }?.status == .compliant)
    }

    @Test func policiesAndBaseOnlyAreRead() throws {
        let config = try ConfigLoader.parse("""
            policies:
              approvedBaseImages: ["docker.io/library/*"]
              highProfileVulnerabilities: [CVE-2014-0160]
              fixableGraceDays: 7
            repositories:
              - name: library/alpine
                baseOnly: true
            """, file: "/tmp/s.yml")
        #expect(config.policies == PolicySettings(approvedBaseImages: ["docker.io/library/*"], highProfileVulnerabilities: ["CVE-2014-0160"], fixableGraceDays: 7))
        #expect(config.repositories.first?.baseOnly == true)
    }

    @Test(arguments: [
        ("policies:\n  fixableGraceDays: -1", 2, "fixableGraceDays"),
        ("policies:\n  fixableGraceDays: soon", 2, "fixableGraceDays"),
        ("policies:\n  approvedBaseImages:\n    - \"docker.io/a b\"", 3, "approvedBaseImages"),
        ("policies:\n  highProfileVulnerabilities: [heartbleed]", 2, "highProfileVulnerabilities"),
        ("policies:\n  approvedBaseImage: []", 2, "approvedBaseImage"),
        ("repositories:\n  - name: a\n    baseOnly: perhaps", 3, "baseOnly"),
    ])
    func badPolicyValuesNameTheLine(text: String, line: Int, key: String) {
        do {
            _ = try ConfigLoader.parse(text, file: "/tmp/s.yml")
            Issue.record("accepted: \(text)")
        } catch let error as ConfigError {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains("/tmp/s.yml:\(line)") && error.description.contains(key), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
