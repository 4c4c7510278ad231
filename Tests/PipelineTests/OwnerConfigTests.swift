import Pipeline
import ScoutModel
import Testing

/// `owner:`, `owners:` and `notify:` in the configuration, and who owns what.
@Suite struct OwnerConfigTests {
    static let text = """
        registries:
          - name: internal
            url: https://registry.example.com
            owner: {team: platform, contact: platform@example.com}
        owners:
          - match: "payments/*"
            team: payments
            contact: "#payments"
          - match: "*"
            team: catch-all
        repositories:
          - name: payments/api
            owner: checkout
            registry: internal
          - name: payments/worker
            registry: internal
          - name: tools/builder
            registry: internal
        notify:
          - name: security
            kind: slack
            url-env: SLACK_URL
            severity: [critical, high]
            kev: true
            new-only: false
            team: payments
        """

    @Test func repositoryBeatsGlobBeatsRegistry() throws {
        let config = try ConfigLoader.parse(Self.text, file: "/tmp/x/scout-report.yml")
        let owners = OwnerResolver(config: config)
        #expect(owners.owner(of: "payments/api") == Owner(team: "checkout"), "the repository's own owner")
        #expect(owners.owner(of: "payments/worker") == Owner(team: "payments", contact: "#payments"), "the first glob that matches")
        #expect(owners.owner(of: "tools/builder")?.team == "catch-all", "a glob still beats the registry")

        var noGlobs = config
        noGlobs.owners = []
        let registryOnly = OwnerResolver(config: noGlobs)
        #expect(registryOnly.owner(of: "tools/builder") == Owner(team: "platform", contact: "platform@example.com"), "configured repository of the registry")
        #expect(registryOnly.owner(of: "discovered/app", source: "registry://registry.example.com") == Owner(team: "platform", contact: "platform@example.com"),
                "a repository discovered in the registry's catalog")
        #expect(registryOnly.owner(of: "elsewhere/app", source: "registry://other.example.com") == nil)
    }

    @Test func webhookRules() throws {
        let hook = try #require(try ConfigLoader.parse(Self.text, file: "/tmp/x/scout-report.yml").notify.first)
        #expect(hook.kind == .slack && hook.urlVariable == "SLACK_URL" && hook.severities == [.critical, .high] && hook.kevOnly && !hook.newOnly && hook.team == "payments")
        let package = Package(type: .apk, name: "busybox", version: "1.0", purl: "pkg:apk/alpine/busybox@1.0", cataloger: "apk-db-cataloger")
        var finding = Finding(vulnerabilityID: "CVE-2021-28831", package: package, severity: .high, affectedRange: "<1.1", ecosystem: "Alpine:v3.11",
                              kev: KEVEntry(cveID: "CVE-2021-28831"))
        let payments = Owner(team: "payments")
        #expect(hook.matches(finding, owner: payments))
        #expect(!hook.matches(finding, owner: Owner(team: "data")), "another team's image")
        #expect(!hook.matches(finding, owner: nil))
        finding.kev = nil
        #expect(!hook.matches(finding, owner: payments), "kev: true wants KEV-listed findings")
        finding.kev = KEVEntry(cveID: "CVE-2021-28831")
        finding.severity = .medium
        #expect(!hook.matches(finding, owner: payments), "not a listed severity")
        finding.severity = .critical
        finding.suppression = Suppression(kind: .ignore, status: "ignored", source: "config")
        #expect(!hook.matches(finding, owner: payments), "suppressed findings are never sent")
    }

    @Test func badValuesNameTheLine() {
        let urlInConfig = """
            notify:
              - name: oops
                url-env: https://hooks.slack.com/services/T000/B000/XXXX
            """
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(urlInConfig, file: "/tmp/x/c.yml") }
        do {
            _ = try ConfigLoader.parse(urlInConfig, file: "/tmp/x/c.yml")
        } catch {
            #expect(String(describing: error).contains("c.yml:3:"), "\(error)")
            #expect(String(describing: error).contains("never the URL itself"))
        }
        let badTeam = """
            owners:
              - match: "*"
                team: ../escape
            """
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(badTeam, file: "/tmp/x/c.yml") }
        let badKind = "notify:\n  - {name: a, kind: email, url-env: X}\n"
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(badKind, file: "/tmp/x/c.yml") }
    }
}
