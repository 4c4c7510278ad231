import Foundation
import Testing

/// Owners, Atom feeds, webhooks, exports and aging exceptions over several runs of the binary: an
/// advisory imported between two runs makes new findings that reach both feeds and the webhook once.
@Suite(.serialized) struct NotifyRunTests {
    static func config(notify: String) -> String {
        """
        title: Notify fleet
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
        owners:
          - match: "library/*"
            team: platform
            contact: "#platform-oncall"
        ignore:
          - id: CVE-2020-28928
            package: musl
            reason: not reachable
            expires: 2999-01-01
          - id: CVE-1999-0095
            reason: left over from an old image
          - id: CVE-2021-42378
            reason: expired exception
            expires: 2001-01-01
        \(notify)
        repositories:
          - name: library/alpine
            images:
              - tag: "3.11"
                ref: archive://images/alpine-311.tar.gz
        """
    }

    static let notify = """
        notify:
          - name: security
            kind: json
            url-env: NOTIFY_TEST_URL
            severity: [critical, high]
            team: platform
          - name: chat
            kind: slack
            url-env: NOTIFY_TEST_SLACK_URL
            severity: [high]
        """

    @Test func newAdvisoryReachesFeedsAndWebhookOnce() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let examples = example.folder.appendingPathComponent("examples")
        let release = examples.appendingPathComponent("feeds-alpine/alpine/3.11/main")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        let newer = examples.appendingPathComponent("advisories/alpine-secdb/vuln-list-newer/alpine/3.11/main")
        try FileManager.default.copyItem(at: newer.appendingPathComponent("musl.json"), to: release.appendingPathComponent("musl.json"))
        try FileManager.default.copyItem(atPath: Binary.root.appendingPathComponent("Tests/Fixtures/feeds/kev-format-sample.json").path,
                                         toPath: examples.appendingPathComponent("kev.json").path)
        let config = examples.appendingPathComponent("notify.yml")
        try Self.config(notify: Self.notify).write(to: config, atomically: true, encoding: .utf8)
        let log = example.folder.appendingPathComponent("webhook.log")
        let slackLog = example.folder.appendingPathComponent("slack.log")
        let receiver = try Receiver(log: log)
        let slack = try Receiver(log: slackLog)
        defer { receiver.stop(); slack.stop() }
        let environment = ["NOTIFY_TEST_URL": "http://127.0.0.1:\(receiver.port)/hook?token=secret-token",
                           "NOTIFY_TEST_SLACK_URL": "http://127.0.0.1:\(slack.port)/slack"]

        // Run 1: everything is first seen, nothing is new: no webhook call, feeds without entries.
        let first = try Binary.run(["run", "--config", config.path, "--now", "2026-03-01T02:00:00Z"], environment: environment)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("Exception to look at: ignore CVE-2021-42378: expired 2001-01-01"), "stderr: \(first.stderr)")
        #expect(first.stderr.contains("Exception to look at: ignore CVE-1999-0095: suppressed no finding"), "stderr: \(first.stderr)")
        #expect(!first.stderr.contains("CVE-2020-28928 musl: suppressed no finding"), "the musl entry suppresses musl's CVE")
        #expect(Receiver.bodies(log).isEmpty)
        let site = example.folder.appendingPathComponent("site")
        let emptyFeed = try FeedCheck.parse(site.appendingPathComponent("feeds/new-findings.atom"))
        #expect(emptyFeed.bozo == false && emptyFeed.version == "atom10" && emptyFeed.entries.isEmpty)

        // busybox's advisories are imported; run 2 reports its CVEs as new.
        try FileManager.default.copyItem(at: newer.appendingPathComponent("busybox.json"), to: release.appendingPathComponent("busybox.json"))
        let second = try Binary.run(["run", "--config", config.path, "--now", "2026-03-02T02:00:00Z"], environment: environment)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("Notified webhook 'security'"), "stderr: \(second.stderr)")

        let bodies = Receiver.bodies(log)
        #expect(bodies.count == 1, "one delivery: \(bodies)")
        let payload = try #require(bodies.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let findings = payload["findings"] as? [[String: Any]] ?? []
        let pairs = findings.map { "\($0["vulnerability"] ?? "") \($0["package"] ?? "")" }
        #expect(pairs.filter { $0 == "CVE-2021-28831 busybox" }.count == 1, "payload: \(pairs)")
        #expect(pairs.filter { $0 == "CVE-2021-28831 ssl_client" }.count == 1)
        #expect(findings.allSatisfy { ["critical", "high"].contains($0["severity"] as? String ?? "") && $0["new"] as? Bool == true && $0["owner"] as? String == "platform" })
        #expect(!findings.contains { $0["vulnerability"] as? String == "CVE-2020-28928" }, "musl's finding is neither new nor unsuppressed")
        let priorities = findings.compactMap { $0["priority"] as? Double }
        #expect(priorities == priorities.sorted(by: >), "most urgent first")
        let slackText = try #require(Receiver.bodies(slackLog).first)
        #expect(slackText.contains("\"text\":") && slackText.contains("CVE-2021-28831 (high") && slackText.contains("library/alpine:3.11"))

        for path in ["feeds/new-findings.atom", "feeds/teams/platform.atom"] {
            let feed = try FeedCheck.parse(site.appendingPathComponent(path))
            #expect(feed.bozo == false, "\(path): \(feed.bozoException)")
            #expect(feed.entries.count == 1, "\(path): one entry for run 2")
            let entry = try #require(feed.entries.first)
            #expect(entry.updated == "2026-03-02T02:00:00Z")
            #expect(entry.content.components(separatedBy: ">CVE-2021-28831</a>").count - 1 == 2, "busybox and ssl_client, each once: \(entry.content)")
            #expect(!entry.content.contains("CVE-2021-42374") || entry.content.contains("High") || entry.content.contains("Critical"))
            #expect(!entry.content.contains("Medium ("), "medium findings are not in the feed")
        }

        // Run 3 changes nothing: no delivery, and the feeds keep run 2's entry as it was.
        let before = try FeedCheck.parse(site.appendingPathComponent("feeds/new-findings.atom"))
        let third = try Binary.run(["run", "--config", config.path, "--now", "2026-03-03T02:00:00Z"], environment: environment)
        #expect(third.status == 0, "stderr: \(third.stderr)")
        #expect(Receiver.bodies(log).count == 1, "nothing new: nothing sent")
        let after = try FeedCheck.parse(site.appendingPathComponent("feeds/new-findings.atom"))
        #expect(after.entries == before.entries, "the same entry, id and updated time: readers show it once")
        #expect(after.updated == "2026-03-02T02:00:00Z")

        // Exports: the site's and the command's are the same rows; CSV per RFC 4180.
        let csv = try String(contentsOf: site.appendingPathComponent("exports/findings.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("repository,tag,digest,vulnerability,package_type,package,version,fixed_version,severity,priority,cvss,epss,kev,first_seen,owner,suppression\r\n"))
        #expect(csv.contains(",CVE-2021-28831,apk,busybox,1.31.1-r9,1.31.1-r10,high,"))
        #expect(csv.contains(",2026-03-02T02:00:00Z,platform,"), "first seen in run 2, owned by platform")
        #expect(csv.contains("ignore: ignored — not reachable until 2999-01-01"), "suppressed findings carry their suppression")
        let exported = try Binary.run(["export", "--config", config.path, "--format", "csv"])
        #expect(exported.status == 0, "stderr: \(exported.stderr)")
        #expect(exported.stdout == csv)
        let json = try Binary.run(["export", "--config", config.path, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["findings"] as? [[String: Any]])?.count == csv.components(separatedBy: "\r\n").count - 2)

        // Teams: the tab, the page and the Markdown summary list the new findings.
        let team = try String(contentsOf: site.appendingPathComponent("teams/platform.md"), encoding: .utf8)
        #expect(team.contains("Contact: \\#platform-oncall") || team.contains("Contact: #platform-oncall"))
        let settings = try String(contentsOf: site.appendingPathComponent("settings.html"), encoding: .utf8)
        #expect(settings.contains("Matched nothing") && settings.contains("CVE-1999-0095") && settings.contains("Expired"))
    }

    @Test func failedDeliveryIsRetriedReportedAndDoesNotFailTheRun() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let examples = example.folder.appendingPathComponent("examples")
        let release = examples.appendingPathComponent("feeds-alpine/alpine/3.11/main")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.root.appendingPathComponent("Tests/Fixtures/feeds/kev-format-sample.json").path,
                                         toPath: examples.appendingPathComponent("kev.json").path)
        let config = examples.appendingPathComponent("notify.yml")
        try Self.config(notify: Self.notify).write(to: config, atomically: true, encoding: .utf8)
        let log = example.folder.appendingPathComponent("webhook.log")
        let receiver = try Receiver(log: log, failures: 100)
        defer { receiver.stop() }
        let secret = "http://127.0.0.1:\(receiver.port)/hook?token=secret-token"
        // NOTIFY_TEST_SLACK_URL is left unset: that webhook fails without a request.
        let environment = ["NOTIFY_TEST_URL": secret]
        #expect(try Binary.run(["run", "--config", config.path], environment: environment).status == 0)
        let newer = examples.appendingPathComponent("advisories/alpine-secdb/vuln-list-newer/alpine/3.11/main")
        try FileManager.default.copyItem(at: newer.appendingPathComponent("busybox.json"), to: release.appendingPathComponent("busybox.json"))
        let second = try Binary.run(["run", "--config", config.path], environment: environment)
        #expect(second.status == 0, "a failed delivery never fails the run; stderr: \(second.stderr)")
        #expect(Receiver.bodies(log).count == 3, "tried three times")
        #expect(second.stderr.contains("Failed to notify webhook 'security' after 3 attempts: the server answered HTTP 500"), "stderr: \(second.stderr)")
        #expect(second.stderr.contains("Failed to notify webhook 'chat': the environment variable NOTIFY_TEST_SLACK_URL"))
        #expect(!second.stderr.contains("secret-token"), "the URL never reaches the log")

        // The next publish shows the failures on the settings page, without the URL.
        let third = try Binary.run(["run", "--config", config.path], environment: environment)
        #expect(third.status == 0)
        let site = example.folder.appendingPathComponent("site")
        let settings = try String(contentsOf: site.appendingPathComponent("settings.html"), encoding: .utf8)
        #expect(settings.contains("Webhook deliveries that failed"))
        #expect(settings.contains("Failed to notify webhook &#39;security&#39; after 3 attempts") || settings.contains("Failed to notify webhook 'security' after 3 attempts"),
                "settings: \(settings.components(separatedBy: "webhooks").last ?? "")")
        #expect(!settings.contains("secret-token"))
        let store = try String(decoding: Data(contentsOf: example.folder.appendingPathComponent("store.sqlite")), as: UTF8.self)
        #expect(!store.contains("secret-token") && !store.contains("127.0.0.1:\(receiver.port)"), "the URL never reaches the store")
    }

    @Test func cvesSortsByPriorityOrSeverity() throws {
        let image = Binary.root.appendingPathComponent("examples/images/postgres-13.1-buster").path
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("scout-sort-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: store) }
        let importOSV = try Binary.run(["db", "import", "--format", "osv", Binary.root.appendingPathComponent("examples/advisories/debian-osv.zip").path, "--db", store.path])
        #expect(importOSV.status == 0, "stderr: \(importOSV.stderr)")
        let importNVD = try Binary.run(["db", "import", "--format", "nvd", Binary.root.appendingPathComponent("examples/advisories/nvd/nvd-cves.json.gz").path, "--db", store.path])
        #expect(importNVD.status == 0, "stderr: \(importNVD.stderr)")
        let priority = try Binary.run(["cves", "oci-dir://\(image)", "--db", store.path])
        let severity = try Binary.run(["cves", "oci-dir://\(image)", "--db", store.path, "--sort", "severity"])
        #expect(priority.status == 0 && severity.status == 0, "stderr: \(priority.stderr)")
        // Both critical in glibc: CVE-2022-23218 has the higher priority (a fix, a higher CVSS); Scout's order is by id.
        func position(_ id: String, in text: String) -> String.Index? { text.range(of: "CRITICAL \(id)")?.lowerBound }
        let a = try #require(position("CVE-2022-23218", in: priority.stdout)), b = try #require(position("CVE-2021-35942", in: priority.stdout))
        #expect(a < b, "risk order by default")
        let c = try #require(position("CVE-2022-23218", in: severity.stdout)), d = try #require(position("CVE-2021-35942", in: severity.stdout))
        #expect(d < c, "--sort severity: Scout's order (severity, then id)")
        #expect(Set(priority.stdout.split(separator: "\n")) == Set(severity.stdout.split(separator: "\n")), "the same lines, in another order")
        let bad = try Binary.run(["cves", "oci-dir://\(image)", "--db", store.path, "--sort", "age"])
        #expect(bad.status == 64)
    }
}

/// A webhook receiver on 127.0.0.1 (Tests/Fixtures/notify/webhook-receiver.py).
final class Receiver: @unchecked Sendable {
    let process = Process()
    let port: Int

    init(log: URL, failures: Int = 0) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Binary.root.appendingPathComponent("Tests/Fixtures/notify/webhook-receiver.py").path, log.path, String(failures)]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        var found: Int?
        while found == nil && Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            found = text.split(separator: "\n").first { $0.hasPrefix("PORT ") }.flatMap { Int($0.dropFirst(5)) }
        }
        guard let found else { process.terminate(); throw ReceiverError(output: text) }
        port = found
    }

    struct ReceiverError: Error { let output: String }

    /// SIGKILL: a child started from a dispatch worker thread inherits its blocked signals, so SIGTERM may not end it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func bodies(_ log: URL) -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

/// An Atom feed as Python's feedparser (Debian python3-feedparser) understands it.
struct FeedCheck: Decodable {
    struct Entry: Decodable, Equatable {
        let id: String?
        let title: String?
        let updated: String?
        let link: String?
        let content: String
    }

    let bozo: Bool
    let bozoException: String
    let version: String
    let title: String?
    let id: String?
    let updated: String?
    let entries: [Entry]

    enum CodingKeys: String, CodingKey {
        case bozo, version, title, id, updated, entries
        case bozoException = "bozo_exception"
    }

    /// Debian's python3 (which has feedparser) first, then the one on PATH.
    static func parse(_ feed: URL) throws -> FeedCheck {
        let script = Binary.root.appendingPathComponent("Tests/Fixtures/notify/feed-check.py").path
        var result = try Binary.run([script, feed.path], executable: URL(fileURLWithPath: "/usr/bin/python3"))
        if result.status != 0 { result = try Binary.run(["python3", script, feed.path], executable: URL(fileURLWithPath: "/usr/bin/env")) }
        guard result.status == 0 else { throw FeedParseError(stderr: result.stderr) }
        return try JSONDecoder().decode(FeedCheck.self, from: Data(result.stdout.utf8))
    }

    struct FeedParseError: Error { let stderr: String }
}
