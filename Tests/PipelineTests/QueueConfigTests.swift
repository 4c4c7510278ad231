import Pipeline
import Testing

/// `queue:` in the configuration (issue 14).
@Suite struct QueueConfigTests {
    @Test func aConfigurationWithoutQueueHasNone() throws {
        let config = try ConfigLoader.parse("store: s.sqlite\n", file: "/tmp/x/scout-report.yml")
        #expect(config.queue == nil)
    }

    @Test func defaultsAndValuesAreRead() throws {
        let short = try ConfigLoader.parse("queue:\n  url: postgresql://scout@db.internal:5432/scout\n", file: "/tmp/x/scout-report.yml")
        #expect(short.queue == WorkQueueSettings(url: "postgresql://scout@db.internal:5432/scout", lease: 120, attempts: 3, wait: 7200))
        let full = try ConfigLoader.parse("""
            queue:
              url: postgres://scout@db/scout
              lease: 30
              attempts: 5
              wait: 0
            """, file: "/tmp/x/scout-report.yml")
        #expect(full.queue == WorkQueueSettings(url: "postgres://scout@db/scout", lease: 30, attempts: 5, wait: 0))
    }

    @Test func badValuesNameTheKeyAndLine() throws {
        let notURL = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse("queue:\n  url: mysql://db/scout\n", file: "/tmp/x/scout-report.yml")
        }
        #expect(notURL?.description == "/tmp/x/scout-report.yml:2:8: 'url' is 'mysql://db/scout', expected a postgresql:// URL such as postgresql://scout@db.internal:5432/scout")
        let withPassword = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse("queue:\n  url: mysql://scout:hunter2@db/scout\n", file: "/tmp/x/scout-report.yml")
        }
        #expect(withPassword?.description.contains("hunter2") == false)
        let zeroAttempts = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse("queue:\n  url: postgresql://db/scout\n  attempts: 0\n", file: "/tmp/x/scout-report.yml")
        }
        #expect(zeroAttempts?.description.contains("'attempts' is '0', expected a whole number from 1 to 100") == true)
        let unknown = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse("queue:\n  url: postgresql://db/scout\n  leese: 10\n", file: "/tmp/x/scout-report.yml")
        }
        #expect(unknown?.description.contains("did you mean 'lease'?") == true)
        let missing = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse("queue:\n  lease: 10\n", file: "/tmp/x/scout-report.yml")
        }
        #expect(missing?.description.contains("has no 'url'") == true)
    }
}
