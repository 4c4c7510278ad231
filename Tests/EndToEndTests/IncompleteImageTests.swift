import Foundation
import Testing

/// Issue 18.1 and 18.2: the real alpine-310 archive with a few bytes changed inside its apk database
/// (its layer no longer hashes to the diffID the config lists). The archive's digest is synthesized
/// from the config and diffIDs, so the damaged copy has the real image's digest.
@Suite(.serialized) struct IncompleteImageTests {
    /// Writes the damaged archive (plain tar) to `path` and returns it.
    @discardableResult
    static func writeDamagedAlpine310(to path: URL) throws -> Data {
        let original = Binary.root.appendingPathComponent("examples/images/alpine-310.tar.gz").path
        let plain = path.path + ".plain"
        let unzip = try Binary.shell("gzip -dc \"$0\" > \"$1\"", [original, plain])
        #expect(unzip.status == 0, "\(unzip.stderr)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: plain))
        try FileManager.default.removeItem(atPath: plain)
        let marker = Data("P:musl\n".utf8)
        let range = try #require(bytes.range(of: marker), "the apk database is inside the archive")
        bytes[range.lowerBound + 2] = UInt8(ascii: "n")  // P:nusl: the layer no longer hashes to its diffID
        try bytes.write(to: path)
        return bytes
    }

    static func store(in example: ExampleCopy) throws -> String {
        let db = example.folder.appendingPathComponent("adhoc.sqlite").path
        let secdb = example.folder.appendingPathComponent("examples/advisories/alpine-secdb").path
        let result = try Binary.run(["db", "import", "--format", "alpine-secdb", secdb, "--db", db])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return db
    }

    @Test func aDamagedLayerFailsEveryImageCommandInsteadOfLookingClean() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try Self.store(in: example)
        let damaged = example.folder.appendingPathComponent("damaged.tar")
        try Self.writeDamagedAlpine310(to: damaged)
        let image = "archive://" + damaged.path

        let cves = try Binary.run(["cves", "--exit-code", image, "--db", db])
        #expect(cves.status == 1, "an unreadable layer is a failure, not a clean image: \(cves.stderr)")
        #expect(cves.stderr.contains("is incomplete") && cves.stderr.contains("--allow-incomplete"), "\(cves.stderr)")
        #expect(cves.stderr.split(separator: "\n").count == 1, "one line on stderr: \(cves.stderr)")
        #expect(cves.stdout.contains("Incomplete analysis"), "\(cves.stdout)")
        #expect(cves.stdout.contains("Failed to read layer"), "\(cves.stdout)")
        #expect(!cves.stdout.contains("  No vulnerable package detected\n"), "\(cves.stdout)")

        let allowed = try Binary.run(["cves", "--exit-code", "--allow-incomplete", image, "--db", db])
        #expect(allowed.status == 0, "accepted on request: \(allowed.stderr)")
        #expect(allowed.stderr.hasPrefix("warning: "), "\(allowed.stderr)")
        #expect(allowed.stdout.contains("Incomplete analysis"))

        let sarif = try Binary.run(["cves", "--format", "sarif", image, "--db", db])
        #expect(sarif.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first, "\(sarif.stdout)")
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = invocation["toolExecutionNotifications"] as? [[String: Any]] ?? []
        #expect(notifications.count == 1)
        #expect((notifications.first?["message"] as? [String: Any])?["text"].map { "\($0)".contains("diffID") } == true)

        let cyclonedx = try Binary.run(["sbom", "--format", "cyclonedx", image, "--db", db])
        #expect(cyclonedx.status == 1)
        #expect(cyclonedx.stdout.contains(#""aggregate" : "incomplete""#), "\(cyclonedx.stdout.prefix(2000))")
        #expect(cyclonedx.stdout.contains("Incomplete analysis: Failed to read layer"))
        let spdx = try Binary.run(["sbom", "--format", "spdx", image, "--db", db])
        #expect(spdx.status == 1)
        #expect(spdx.stdout.contains(#""annotationType" : "OTHER""#) && spdx.stdout.contains("Incomplete analysis"))

        let quickview = try Binary.run(["quickview", image, "--db", db])
        #expect(quickview.status == 1)
        #expect(quickview.stdout.contains("Incomplete analysis"), "\(quickview.stdout)")
        #expect(!quickview.stdout.contains("Health score"), "no grade from a partial package list: \(quickview.stdout)")
    }

    @Test func aRepairedArchiveIsReadAgainNotServedFromTheIncompleteCache() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try Self.store(in: example)
        let path = example.folder.appendingPathComponent("alpine.tar.gz")
        try Self.writeDamagedAlpine310(to: path)
        let damaged = try Binary.run(["cves", "--exit-code", "archive://" + path.path, "--db", db])
        #expect(damaged.status == 1, "\(damaged.stderr)")

        // Repaired in place: same path, same digest.
        try FileManager.default.removeItem(at: path)
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("examples/images/alpine-310.tar.gz"), to: path)
        let repaired = try Binary.run(["cves", "--exit-code", "archive://" + path.path, "--db", db])
        #expect(repaired.status == 2, "the 7 openssl CVEs are found: \(repaired.stderr)")
        #expect(repaired.stdout.contains("packages           14") || repaired.stdout.contains("packages            14")
                || repaired.stdout.range(of: #"packages\s+│?\s*14"#, options: .regularExpression) != nil, "\(repaired.stdout)")
        #expect(!repaired.stdout.contains("Incomplete analysis"))
        let cached = try Binary.run(["cves", "--exit-code", "archive://" + path.path, "--db", db])
        #expect(cached.status == 2, "the complete analysis is kept")
    }

    @Test func theNightlyRunCountsItFailedShowsItAndReadsItAgain() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let archive = example.folder.appendingPathComponent("examples/images/alpine-310.tar.gz")
        try FileManager.default.removeItem(at: archive)
        try Self.writeDamagedAlpine310(to: archive)

        let first = try Binary.run(["run", "--config", example.config.path])
        #expect(first.status == 0, "one unreadable image never stops the run: \(first.stderr)")
        #expect(first.stderr.contains("Image 'library/alpine:3.10' is incomplete"), "\(first.stderr)")
        #expect(first.stdout.contains("1 failed") || first.stderr.contains("1 failed"), "stdout: \(first.stdout)\nstderr: \(first.stderr)")
        let repository = try String(contentsOf: example.site.appendingPathComponent("repositories/library-alpine.html"), encoding: .utf8)
        let rows = repository.components(separatedBy: "<tr>")
        let row310 = try #require(rows.first { $0.contains(">3.10<") }, "\(repository)")
        #expect(row310.contains("class=\"incomplete\""), "marked, not shown clean: \(row310)")
        let row311 = try #require(rows.first { $0.contains(">3.11<") })
        #expect(!row311.contains("class=\"incomplete\""))
        let page = try #require(Self.imagePage(in: example.site, containing: "incomplete-notice"), "the image page says why")
        #expect(page.contains("diffID"))

        try FileManager.default.removeItem(at: archive)
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("examples/images/alpine-310.tar.gz"), to: archive)
        let second = try Binary.run(["run", "--verbose", "--config", example.config.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("Analysed library/alpine:3.10"), "read again: \(second.stderr)")
        #expect(second.stderr.contains("14 packages"), "\(second.stderr)")
        #expect(Self.imagePage(in: example.site, containing: "incomplete-notice") == nil)
    }

    /// The first image page (HTML) of the site containing `text`.
    static func imagePage(in site: URL, containing text: String) -> String? {
        let images = site.appendingPathComponent("images")
        guard let walker = FileManager.default.enumerator(at: images, includingPropertiesForKeys: nil) else { return nil }
        for case let url as URL in walker where url.pathExtension == "html" {
            if let page = try? String(contentsOf: url, encoding: .utf8), page.contains(text) { return page }
        }
        return nil
    }
}
