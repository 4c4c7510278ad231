import Foundation
import Testing

/// `scout-report repo list/enable/disable` on a copy of the bundled example.
@Suite struct RepoCommandTests {
    @Test func disablingARepositoryIsStoredAndTheNextRunSkipsIt() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let before = try Binary.run(["repo", "list", "--config", example.config.path])
        #expect(before.status == 0, "stderr: \(before.stderr)")
        let alpineBefore = try #require(before.stdout.split(separator: "\n").first { $0.hasPrefix("library/alpine ") })
        #expect(alpineBefore.contains("enabled") && alpineBefore.contains("never"))
        #expect(before.stdout.split(separator: "\n").contains { $0.hasPrefix("example/hello ") && $0.contains("disabled") })

        #expect(try Binary.run(["run", "--config", example.config.path]).status == 0)
        let disable = try Binary.run(["repo", "disable", "library/alpine", "--config", example.config.path])
        #expect(disable.status == 0, "stderr: \(disable.stderr)")
        #expect(disable.stdout.contains("Disabled 'library/alpine'"))
        let after = try Binary.run(["repo", "list", "--config", example.config.path])
        let alpine = try #require(after.stdout.split(separator: "\n").first { $0.hasPrefix("library/alpine ") })
        #expect(alpine.contains("disabled (set)") && alpine.contains("config") && alpine.contains("  2  "), "\(alpine)")

        let run = try Binary.run(["run", "--config", example.config.path, "--verbose"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("library/alpine:"), "a disabled repository is not read")
        #expect(run.stderr.contains("Cached library/postgres:13.1"))
        let config = try String(contentsOf: example.config, encoding: .utf8)
        #expect(config.contains("name: library/alpine\n    enabled: true"), "the configuration file is left as written")
        // The settings page gives the command that works and says where the state comes from (issue 16).
        let settings = try String(contentsOf: example.site.appendingPathComponent("settings.html"), encoding: .utf8)
        let row = try #require(settings.components(separatedBy: "<tr>").first { $0.contains(">library/alpine<") })
        #expect(row.contains("scout-report repo enable library/alpine"), "\(row)")
        #expect(row.contains("stored by scout-report repo disable, overriding enabled: true in scout-report.yml"), "\(row)")
        #expect(!settings.contains("set <code>enabled: true</code>"))
        let hello = try #require(settings.components(separatedBy: "<tr>").first { $0.contains(">example/hello<") })
        #expect(hello.contains("scout-report.yml (enabled: false)") && hello.contains("scout-report repo enable example/hello"), "\(hello)")

        let unknown = try Binary.run(["repo", "enable", "nope/nothing", "--config", example.config.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown repository 'nope/nothing'"))
    }
}
