import Foundation
import Store
import Testing
@testable import Pipeline

/// Issue 18, point 14: remote feeds over plain http, empty answers, huge answers, killed downloads.
@Suite(.serialized) struct RemoteFeedHostileTests {
    static func importer(in folder: URL) throws -> (AdvisoryImporter, ScoutStore) {
        let store = try ScoutStore(path: folder.appendingPathComponent("store.sqlite").path)
        return (AdvisoryImporter(store: store, clock: Clock(pinned: "2026-01-01T00:00:00Z")), store)
    }

    @Test func plainHTTPToAnotherHostNeedsInsecure() throws {
        func parse(_ entry: String) throws -> Config {
            try ConfigLoader.parse("advisories:\n  - name: kev\n    format: kev\n" + entry, file: "/etc/scout/scout-report.yml")
        }
        let refused = #expect(throws: ConfigError.self) { try parse("    url: http://feeds.example/kev.json\n") }
        #expect(refused?.description.contains("insecure: true") == true, "\(String(describing: refused))")
        #expect(throws: ConfigError.self) { try parse("    path: http://feeds.example/kev.json\n") }
        #expect(throws: ConfigError.self) { try parse("    url: https://feeds.example/kev.json\n    checksum-url: http://feeds.example/kev.sha256\n") }
        #expect(try parse("    url: http://feeds.example/kev.json\n    insecure: true\n").advisories[0].insecure)
        #expect(try parse("    url: http://127.0.0.1:8080/kev.json\n").advisories[0].url?.host == "127.0.0.1")
        #expect(try parse("    url: https://feeds.example/kev.json\n    max-size-mb: 3\n").advisories[0].maxBytes == 3 << 20)
    }

    /// An empty (or nearly empty) answer does not replace a source's records unless allowed.
    @Test func anUpdateThatEmptiesASourceIsRefusedUnlessAllowed() throws {
        let server = try FeedServer()
        defer { server.stop() }
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var (importer, store) = try Self.importer(in: folder)
        let feed = server.folder.appendingPathComponent("kev.json")
        let source = Config.AdvisorySource(name: "kev", format: "kev", path: "", url: server.url("kev.json"))
        func records() throws -> Int { try store.advisorySourceDetails().first { $0.name == "kev" }?.records ?? -1 }

        try RemoteFeedTests.kev(["CVE-2000-0001", "CVE-2000-0002"]).write(to: feed)
        #expect(try importer.importSource(source).imported)
        try RemoteFeedTests.kev([]).write(to: feed)
        let emptied = try importer.importSource(source)
        #expect(!emptied.imported)
        #expect(try records() == 2)
        #expect(emptied.warnings.first?.message.contains("--allow-shrink") == true, "\(emptied.warnings)")
        #expect(try store.exploitability().kev.count == 2)

        importer.allowShrink = true
        let allowed = try importer.importSource(source)
        #expect(allowed.imported)
        #expect(try records() == 0)
    }

    /// A feed larger than its limit is cut off while it downloads, announced or not, and leaves no file.
    @Test(arguments: [nil, "chunked"])
    func anOversizedFeedIsRefusedWhileDownloading(mode: String?) throws {
        let server = try FeedServer()
        defer { server.stop() }
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (importer, store) = try Self.importer(in: folder)
        let ids = (1...60_000).map { String(format: "CVE-2000-%05d", $0) }
        let big = RemoteFeedTests.kev(ids)
        #expect(big.count > 3 << 20)
        try big.write(to: server.folder.appendingPathComponent("kev.json"))
        try server.setMode(mode, for: "kev.json")
        var source = Config.AdvisorySource(name: "kev", format: "kev", path: "", url: server.url("kev.json"))
        source.maxBytes = 1 << 20
        let result = try importer.importSource(source)
        #expect(!result.imported)
        #expect(result.warnings.first?.message.contains("larger than the limit of 1048576 bytes") == true, "\(result.warnings)")
        #expect(try store.exploitability().kev.isEmpty)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("store.sqlite.feeds/kev").path)) ?? []
        #expect(left.isEmpty, "\(left)")

        source.maxBytes = nil
        let whole = try importer.importSource(source)
        #expect(whole.imported && whole.records == 60_000, "\(whole.warnings)")
    }

    /// What a killed download left (a partial `.download-` file, a `.staged-` file) is removed by the next fetch.
    @Test func leftoversOfAKilledDownloadAreRemoved() throws {
        let server = try FeedServer()
        defer { server.stop() }
        let folder = try FeedPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (importer, _) = try Self.importer(in: folder)
        let feeds = folder.appendingPathComponent("store.sqlite.feeds/kev")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        for name in [".download-0F3C", ".staged-kev.json"] {
            try Data(repeating: 0x41, count: 4096).write(to: feeds.appendingPathComponent(name))
        }
        try RemoteFeedTests.kev(["CVE-2000-0001"]).write(to: server.folder.appendingPathComponent("kev.json"))
        let result = try importer.importSource(Config.AdvisorySource(name: "kev", format: "kev", path: "", url: server.url("kev.json")))
        #expect(result.imported)
        #expect(try FileManager.default.contentsOfDirectory(atPath: feeds.path) == ["kev.json"])
    }
}
