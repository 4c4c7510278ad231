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

        let unknown = try Binary.run(["repo", "enable", "nope/nothing", "--config", example.config.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown repository 'nope/nothing'"))
    }
}
