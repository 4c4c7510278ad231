import Foundation
import Reports
import ScoutModel
import Testing

@Suite struct SARIFReportTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func alpineRulesAndResults() throws {
        let text = try SARIFReport.render(try ReportFixtures.alpine("3.11"), toolVersion: "0.1.0")
        let root = try object(text)
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "scout-report")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        // 21 vulnerabilities, each on two binary packages (libcrypto1.1/libssl1.1, busybox/ssl_client,
        // musl/musl-utils).
        #expect(rules.count == 21)
        #expect(results.count == 42)
        let ids = rules.map { $0["id"] as! String }
        #expect(ids == ids.sorted())

        let critical = try #require(rules.first { $0["id"] as? String == "CVE-2021-3711" })
        let properties = try #require(critical["properties"] as? [String: Any])
        #expect(properties["security-severity"] as? String == "9.8")
        #expect(properties["tags"] as? [String] == ["vulnerability", "security", "CRITICAL"])
        #expect(critical["helpUri"] as? String == "https://nvd.nist.gov/vuln/detail/CVE-2021-3711")
        let markdown = try #require((critical["help"] as? [String: Any])?["markdown"] as? String)
        #expect(markdown.hasPrefix("| Package | Affected range | Fixed version |\n| --- | --- | --- |\n"))
        #expect(markdown.contains("| pkg:apk/alpine/libssl1.1@1.1.1d-r3?os_name=alpine&os_version=3.11 | <1.1.1l-r0 | 1.1.1l-r0 |"))

        for result in results {
            let ruleIndex = result["ruleIndex"] as! Int
            #expect(rules[ruleIndex]["id"] as? String == result["ruleId"] as? String)
        }
        func level(_ id: String) -> Set<String> {
            Set(results.filter { $0["ruleId"] as? String == id }.compactMap { $0["level"] as? String })
        }
        #expect(level("CVE-2021-3711") == ["error"])    // critical
        #expect(level("CVE-2020-1967") == ["error"])    // high
        #expect(level("CVE-2020-28928") == ["warning"]) // medium
        #expect(level("CVE-2021-23839") == ["note"])    // low

        let musl = try #require(results.first {
            $0["ruleId"] as? String == "CVE-2020-28928"
                && (($0["message"] as? [String: Any])?["text"] as? String)?.contains("musl-utils") == true
        })
        let message = try #require((musl["message"] as? [String: Any])?["text"] as? String)
        #expect(message == """
            Vulnerability  : CVE-2020-28928
            Severity       : MEDIUM
            Package        : pkg:apk/alpine/musl-utils@1.1.24-r2?os_name=alpine&os_version=3.11
            Affected range : <1.1.24-r3
            Fixed version  : 1.1.24-r3
            """)
        let uri = ((musl["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
        #expect(uri == "lib/apk/db/installed")
        assertGolden(text, named: "SARIFAlpine311", ext: "sarif")
    }

    @Test func unscoredFindingsUseTheBandOrNothing() throws {
        let text = try SARIFReport.render(try ReportFixtures.postgres(), toolVersion: "0.1.0")
        let run = try #require((try object(text)["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let unscored = try #require(rules.first { $0["id"] as? String == "CVE-2023-0215" })
        let properties = try #require(unscored["properties"] as? [String: Any])
        #expect(properties["security-severity"] == nil)
        #expect(properties["tags"] as? [String] == ["vulnerability", "security", "UNSPECIFIED"])
        #expect((unscored["defaultConfiguration"] as? [String: Any])?["level"] as? String == "note")
        assertGolden(text, named: "SARIFPostgres", ext: "sarif")
    }

    @Test func deterministic() throws {
        let image = try ReportFixtures.alpine("3.11")
        var shuffled = image
        shuffled.findings.reverse()
        #expect(try SARIFReport.render(image, toolVersion: "1") == SARIFReport.render(shuffled, toolVersion: "1"))
    }

    @Test func validatesAgainstTheSARIFSchema() throws {
        let schema = ReportFixtures.folder.appendingPathComponent("schemas/sarif-schema-2.1.0.json")
        for image in [try ReportFixtures.alpine("3.11"), try ReportFixtures.postgres()] {
            let text = try SARIFReport.render(image, toolVersion: "0.1.0")
            let report = FileManager.default.temporaryDirectory
                .appendingPathComponent("scout-report-sarif-\(UUID().uuidString).json")
            try Data(text.utf8).write(to: report)
            defer { try? FileManager.default.removeItem(at: report) }
            let outcome = try runPython(SchemaCheck.script, arguments: [schema.path, report.path])
            #expect(outcome.status == 0, "SARIF schema validation failed for \(image.displayName):\n\(outcome.output)")
        }
    }
}

/// A `jsonschema` check run with the system's python3.
enum SchemaCheck {
    static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 has no 'jsonschema' module: run 'pip install jsonschema'")
            sys.exit(3)
        schema = json.load(open(sys.argv[1]))
        document = json.load(open(sys.argv[2]))
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=lambda e: list(e.path))
        for error in errors[:20]:
            print("/".join(str(p) for p in error.path) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """
}

/// Runs `python3 -c script arguments…`; a missing python3 is a failure, not a skip.
func runPython(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var output = String(decoding: data, as: UTF8.self)
    if process.terminationStatus == 127 { output = "python3 was not found on PATH: install Python 3 and jsonschema.\n" + output }
    return (process.terminationStatus, output)
}
