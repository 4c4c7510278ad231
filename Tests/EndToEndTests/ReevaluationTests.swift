import Foundation
import Testing

/// Advisory data changes between runs of the binary; the image is deleted before the second run, so
/// the new and fixed findings can only come from the stored SBOM.
@Suite(.serialized) struct ReevaluationTests {
    static func config(extra: String = "") -> String {
        """
        title: Feeds
        store: ../store.sqlite
        site: ../site
        advisories:
          - name: alpine
            format: alpine-secdb
            path: feeds-alpine
          - name: nvd
            format: nvd
            path: advisories/nvd/nvd-cves.json.gz
          - name: kev
            format: kev
            path: kev.json
        repositories:
          - name: library/alpine
            images:
              - tag: "3.11"
                ref: archive://images/alpine-311.tar.gz
        \(extra)
        """
    }

    @Test func newAndFixedFindingsWithoutReadingTheImageAgain() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let examples = example.folder.appendingPathComponent("examples")
        let release = examples.appendingPathComponent("feeds-alpine/alpine/3.11/main")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        let newer = examples.appendingPathComponent("advisories/alpine-secdb/vuln-list-newer/alpine/3.11/main")
        try FileManager.default.copyItem(at: newer.appendingPathComponent("musl.json"), to: release.appendingPathComponent("musl.json"))
        try FileManager.default.copyItem(atPath: Binary.root.appendingPathComponent("Tests/Fixtures/feeds/kev-format-sample.json").path,
                                         toPath: examples.appendingPathComponent("kev.json").path)
        let config = examples.appendingPathComponent("feeds.yml")
        try Self.config().write(to: config, atomically: true, encoding: .utf8)

        // Run 1 reads the image: musl CVE-2020-28928 (severity from its NVD alias, KEV-listed in the sample).
        let first = try Binary.run(["run", "--config", config.path, "--verbose"])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("Analysed library/alpine:3.11"))
        #expect(first.stderr.contains("2 findings, 0 new, 0 fixed"), "stderr: \(first.stderr)")

        // The advisories change (musl's entry goes, busybox's arrives) and the image disappears.
        try FileManager.default.removeItem(at: release.appendingPathComponent("musl.json"))
        try FileManager.default.copyItem(at: newer.appendingPathComponent("busybox.json"), to: release.appendingPathComponent("busybox.json"))
        try FileManager.default.removeItem(at: examples.appendingPathComponent("images/alpine-311.tar.gz"))

        let update = try Binary.run(["db", "update", "--config", config.path])
        #expect(update.status == 0, "stderr: \(update.stderr)")
        #expect(update.stdout.contains("into 'alpine'"))
        let evaluate = try Binary.run(["evaluate", "--config", config.path])
        #expect(evaluate.status == 0, "stderr: \(evaluate.stderr)")
        #expect(evaluate.stderr.contains("evaluated 1 images"), "stderr: \(evaluate.stderr)")
        // The run line counts binary packages (busybox and ssl_client, musl and musl-utils); the page counts as Scout does.
        #expect(evaluate.stderr.contains("22 new, 2 fixed"), "stderr: \(evaluate.stderr)")

        let page = try Self.imagePage(example)
        #expect(page.contains("CVE-2021-28831"), "the new busybox finding is listed")
        #expect(page.contains("CVE-2020-28928 musl 1.1.24-r2"), "the fixed musl finding is listed as fixed")
        #expect(!page.contains(">CVE-2020-28928</a></strong>"), "and is no longer a vulnerability")
        #expect(page.contains("+11 new, −1 fixed"))
        #expect(page.contains("<span class=\"pill new\">new</span>"))
        let markdown = try Self.imagePage(example, suffix: ".md")
        #expect(markdown.contains("| Since last run | \\+11 new, −1 fixed |"), "Markdown-escaped plus sign")

        // A nightly run now cannot read the image, but still evaluates its stored SBOM.
        let third = try Binary.run(["run", "--config", config.path])
        #expect(third.status == 0, "stderr: \(third.stderr)")
        #expect(third.stderr.contains("Skipped library/alpine:3.11"))
        #expect(third.stderr.contains("Evaluated 1 images"))
        #expect(third.stderr.contains("22 findings, 0 new, 0 fixed"), "stderr: \(third.stderr)")

        // VEX and the ignore list suppress (kept, shown, not counted); an expired entry does nothing.
        try FileManager.default.copyItem(atPath: Binary.root.appendingPathComponent("Tests/Fixtures/feeds/vex/format-sample.openvex.json").path,
                                         toPath: examples.appendingPathComponent("alpine.openvex.json").path)
        try Self.config(extra: """
            vex:
              - alpine.openvex.json
            ignore:
              - id: CVE-2021-42374
                package: busybox
                reason: the applet is removed at build time
                expires: 2999-12-31
              - id: CVE-2021-42378
                reason: expired exception
                expires: 2001-01-01
            """).write(to: config, atomically: true, encoding: .utf8)
        let suppressed = try Binary.run(["evaluate", "--config", config.path])
        #expect(suppressed.status == 0, "stderr: \(suppressed.stderr)")
        #expect(suppressed.stderr.contains("3 suppressed"), "stderr: \(suppressed.stderr)")
        let suppressedPage = try Self.imagePage(example)
        #expect(suppressedPage.contains("Suppressed <span class=\"count\">2</span>"))
        #expect(suppressedPage.contains("not_affected (vulnerable_code_not_in_execute_path)"))
        #expect(suppressedPage.contains("the applet is removed at build time"))
        #expect(!suppressedPage.contains(">CVE-2021-42374</a></strong>"), "not listed as a vulnerability")
        #expect(suppressedPage.contains(">CVE-2021-42378</a></strong>"), "the expired entry suppresses nothing")

        let status = try Binary.run(["db", "status", "--config", config.path])
        #expect(status.status == 0)
        #expect(status.stdout.contains("Records"))
        let kevLine = status.stdout.split(separator: "\n").first { $0.hasPrefix("kev ") }
        #expect(kevLine?.split(separator: " ").prefix(3) == ["kev", "kev", "2"], "stdout: \(status.stdout)")
        #expect(kevLine?.hasSuffix("examples/kev.json") == true)
    }

    static func imagePage(_ example: ExampleCopy, suffix: String = ".html") throws -> String {
        let site = example.folder.appendingPathComponent("site")
        let files = ExampleCopy.files(in: site).keys.filter { $0.hasPrefix("images/") && $0.hasSuffix(suffix) }.sorted()
        let path = try #require(files.first, "no image page in \(ExampleCopy.files(in: site).keys.sorted())")
        return try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }
}
