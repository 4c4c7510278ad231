import Foundation
import Testing

@Suite(.serialized) struct ImageCommandTests {
    static func store(in example: ExampleCopy) throws -> String {
        let db = example.folder.appendingPathComponent("adhoc.sqlite").path
        let advisories = example.folder.appendingPathComponent("examples/advisories")
        for (format, path) in [("alpine-secdb", "alpine-secdb"), ("osv", "debian-osv.zip"), ("nvd", "nvd/nvd-cves.json.gz")] {
            let result = try Binary.run(["db", "import", "--format", format, advisories.appendingPathComponent(path).path, "--db", db])
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        return db
    }

    @Test func quickviewPrintsScoutsLayout() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try Self.store(in: example)
        let image = "archive://" + example.folder.appendingPathComponent("examples/images/alpine-311.tar.gz").path
        let result = try Binary.run(["quickview", image, "--db", db])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let row = try #require(result.stdout.split(separator: "\n").first { $0.contains("Your image") })
        // Alpine 3.11 against this data: openssl 9, busybox 11, musl 1 vulnerabilities (by source package).
        let counts = row.split(separator: "│").last.map { $0.split(separator: " ").map(String.init) } ?? []
        let total = counts.compactMap { Int($0.dropLast()) }.reduce(0, +)
        #expect(total == 21, "\(row)")
    }

    @Test func cvesOnlyPackagesAndExitCode() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try Self.store(in: example)
        let image = "oci-dir://" + example.folder.appendingPathComponent("examples/images/postgres-13.1-buster").path
        let result = try Binary.run(["cves", "--format", "only-packages", "--only-vuln-packages", image, "--db", db, "--exit-code"])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        for source in ["openssl", "glibc", "zlib", "gnutls28", "lz4", "dpkg"] {
            #expect(result.stdout.contains("\(source) "), "\(source) missing in:\n\(result.stdout)")
        }
        #expect(!result.stdout.contains("libbsd"), "no buster advisory for libbsd in this snapshot")
        // Cached on the second call.
        let again = try Binary.run(["cves", image, "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout.contains("CVE-2022-37434"), "zlib's CVE, from DLA-3103-1")
    }

    @Test func sarifIsJSONWithOneRulePerVulnerability() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try Self.store(in: example)
        let image = "archive://" + example.folder.appendingPathComponent("examples/images/alpine-310.tar.gz").path
        let result = try Binary.run(["cves", "--format", "sarif", image, "--db", db])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        let results = run["results"] as? [[String: Any]] ?? []
        #expect(rules.count == 7, "7 openssl CVEs affect Alpine 3.10.4")
        #expect(results.count == 14, "each CVE affects libcrypto1.1 and libssl1.1")
    }

    @Test func missingImageFailsWithOneLine() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let result = try Binary.run(["quickview", "archive:///nonexistent/image.tar", "--db", example.folder.appendingPathComponent("s.sqlite").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/image.tar"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
