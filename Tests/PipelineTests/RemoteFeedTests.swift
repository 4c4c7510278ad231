import Foundation
import ImageSource
import ScoutModel
import Store
import Testing
import Vulnerabilities
@testable import Pipeline

/// Remote sources against a real HTTP server on 127.0.0.1 (`Tests/Fixtures/feeds/feed_server.py`).
@Suite(.serialized) struct RemoteFeedTests {
    static func kev(_ ids: [String]) -> Data {
        let items = ids.map { "{\"cveID\": \"\($0)\", \"dateAdded\": \"2000-01-01\"}" }.joined(separator: ",")
        return Data("{\"count\": \(ids.count), \"vulnerabilities\": [\(items)]}".utf8)
    }

    static func sha256(_ data: Data) -> String {
        String(ContentDigest.sha256([UInt8](data)).dropFirst("sha256:".count))
    }

    @Test func conditionalRequestsVerificationAndFailuresKeepingThePreviousData() throws {
        let server = try FeedServer()
        defer { server.stop() }
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        let importer = AdvisoryImporter(store: store, clock: Clock(pinned: "2026-01-01T00:00:00Z"))
        let feed = server.folder.appendingPathComponent("kev.json")
        var source = Config.AdvisorySource(name: "kev", format: "kev", path: server.url("kev.json").absoluteString, url: server.url("kev.json"))
        func records() throws -> Int { try store.advisorySourceDetails().first { $0.name == "kev" }?.records ?? -1 }

        // 1. First download: 200, imported, validators kept, the verified file cached beside the store.
        try Self.kev(["CVE-2000-0001", "CVE-2000-0002"]).write(to: feed)
        let first = try importer.importSource(source)
        #expect(first.imported && first.records == 2)
        #expect(try store.feedValidators(source: "kev").etag != nil)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("store.sqlite.feeds/kev/kev.json").path))

        // 2. Unchanged: the request carries If-None-Match and the answer is 304; nothing is re-imported.
        let second = try importer.importSource(source)
        #expect(second.notModified && !second.imported)
        #expect(server.requests.last?.contains(" 304 \"") == true, "\(server.requests)")
        #expect(try records() == 2)

        // 3. Changed upstream: downloaded and imported again.
        try Self.kev(["CVE-2000-0003"]).write(to: feed)
        let third = try importer.importSource(source)
        #expect(third.imported && third.records == 1)

        // 4. The server fails: the previous records stay, with a warning naming the status.
        try server.setMode("fail500", for: "kev.json")
        let failed = try importer.importSource(source)
        #expect(!failed.imported && !failed.notModified)
        #expect(failed.warnings.first?.message.contains("HTTP 500") == true, "\(failed.warnings)")
        #expect(try records() == 1)
        #expect(try store.advisorySourceDetails().first?.warnings.first?.message.contains("previous records were kept") == true)

        // 5. A truncated body (Content-Length not met) is refused.
        try Self.kev(["CVE-2000-0004", "CVE-2000-0005"]).write(to: feed)
        try server.setMode("truncate", for: "kev.json")
        let truncated = try importer.importSource(source)
        #expect(!truncated.imported, "\(truncated)")
        #expect(try records() == 1)
        try server.setMode(nil, for: "kev.json")

        // 6. A complete download that does not parse is refused too.
        try Data("{\"count\": 9, \"vulnerabilities\": [".utf8).write(to: feed)
        #expect(try !importer.importSource(source).imported)
        #expect(try store.exploitability().kev.keys.sorted() == ["CVE-2000-0003"])

        // 7. Checksums: a pinned one that differs is refused; the one the feed publishes is checked.
        let good = Self.kev(["CVE-2000-0006"])
        try good.write(to: feed)
        source.sha256 = String(repeating: "0", count: 64)
        let mismatch = try importer.importSource(source)
        #expect(!mismatch.imported)
        #expect(mismatch.warnings.first?.message.contains("SHA-256") == true, "\(mismatch.warnings)")
        source.sha256 = nil
        try "sha256:\(Self.sha256(good))\n".write(to: server.folder.appendingPathComponent("kev.json.sha256"), atomically: true, encoding: .utf8)
        source.checksumURL = server.url("kev.json.sha256")
        let verified = try importer.importSource(source)
        #expect(verified.imported && verified.records == 1)
        #expect(try store.exploitability().kev.keys.sorted() == ["CVE-2000-0006"])
    }

    @Test func gzippedFeedsAndTheNVDMetaConvention() throws {
        let server = try FeedServer()
        defer { server.stop() }
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        let importer = AdvisoryImporter(store: store, clock: Clock())
        try server.publish(FeedPaths.repository("examples/advisories/nvd/nvd-cves.json.gz"), as: "nvd.json.gz")
        // NVD's .meta gives the SHA-256 of the uncompressed JSON.
        let inflated = try Data(contentsOf: URL(fileURLWithPath: FeedPaths.repository("examples/advisories/nvd/nvd-cves.json.gz")))
        let plain = Data(try AdvisoryLoader.gunzip([UInt8](inflated)))
        try "lastModifiedDate:2026-01-01T00:00:00-05:00\r\nsize:\(plain.count)\r\nsha256:\(Self.sha256(plain).uppercased())\r\n"
            .write(to: server.folder.appendingPathComponent("nvd.meta"), atomically: true, encoding: .utf8)
        var source = Config.AdvisorySource(name: "nvd", format: "nvd", path: "", url: server.url("nvd.json.gz"))
        source.checksumURL = server.url("nvd.meta")
        let result = try importer.importSource(source)
        #expect(result.imported, "\(result.warnings)")
        #expect(result.records == 212)
        try server.publish(FeedPaths.fixture("feeds/epss-format-sample.csv.gz"), as: "epss.csv.gz")
        let epss = try importer.importSource(Config.AdvisorySource(name: "epss", format: "epss", path: "", url: server.url("epss.csv.gz")))
        #expect(epss.imported && epss.records == 3)
    }

    @Test func anUnreachableServerKeepsThePreviousData() throws {
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        var importer = AdvisoryImporter(store: store, clock: Clock())
        importer.fetcher = FeedFetcher(timeout: 5)
        #expect(try importer.importSource(name: "kev", format: "kev", path: FeedPaths.fixture("feeds/kev-format-sample.json")).imported)
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        let source = Config.AdvisorySource(name: "kev", format: "kev", path: "", url: URL(string: "http://user:secret@127.0.0.1:9/kev.json")!)
        let result = try importer.importSource(source)
        #expect(!result.imported)
        #expect(try store.advisorySourceDetails().first?.records == 2)
        #expect(!(result.warnings.first?.message.contains("secret") ?? true), "credentials never reach messages")
        #expect(result.warnings.first?.message.contains("http://127.0.0.1:9/kev.json") == true, "\(result.warnings)")
    }

    @Test func remoteSourcesInTheConfiguration() throws {
        let config = try ConfigLoader.parse("""
            advisories:
              - name: kev
                format: kev
                url: https://user:pw@feeds.example/kev.json
                sha256: sha256:\(String(repeating: "ab", count: 32))
              - name: nvd
                format: nvd
                path: https://feeds.example/nvdcve-2.0-2024.json.gz
                checksum-url: https://feeds.example/nvdcve-2.0-2024.meta
            vex: [vex/a.openvex.json]
            ignore:
              - id: CVE-2021-28831
                package: busybox
                reason: not reachable
                expires: 2026-06-30
            """, file: "/etc/scout/scout-report.yml")
        #expect(config.advisories[0].url?.host == "feeds.example")
        #expect(config.advisories[0].path == "https://feeds.example/kev.json", "no credentials in what is shown")
        #expect(config.advisories[0].sha256 == String(repeating: "ab", count: 32))
        #expect(config.advisories[1].checksumURL?.lastPathComponent == "nvdcve-2.0-2024.meta")
        #expect(config.vex == ["/etc/scout/vex/a.openvex.json"])
        #expect(config.ignore.first?.expires == "2026-06-30")
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("ignore:\n  - id: X\n", file: "c.yml") }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("ignore:\n  - id: X\n    reason: r\n    expires: soon\n", file: "c.yml") }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("advisories:\n  - name: a\n    format: kev\n    url: ftp://x/y\n", file: "c.yml") }
    }
}
