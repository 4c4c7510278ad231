import Foundation
import Testing
@testable import Pipeline

/// `retention:` in the configuration, and the cut-off time it gives.
@Suite struct RetentionConfigTests {
    @Test func readsBothSettingsAndSaysWhatIsKept() throws {
        let config = try ConfigLoader.parse("retention: {untagged-days: 90, runs: 365}\n", file: "/etc/scout.yml")
        #expect(config.retention == Retention(untaggedDays: 90, runs: 365))
        #expect(config.retention.summary == "Images no tag has pointed at for 90 days are deleted; the newest 365 runs of history are kept.")
        #expect(try ConfigLoader.parse("title: t\n", file: "c.yml").retention.summary == "Every image and every run of history are kept.")
    }

    @Test(arguments: ["retention: {runs: 1}\n", "retention: {untagged-days: 0}\n", "retention: {runs: many}\n", "retention: {keep: 3}\n"])
    func refusesWhatCannotBeKept(text: String) {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(text, file: "c.yml") }
    }

    @Test func theCutOffIsThatManyDaysBeforeTheRun() {
        #expect(Retention.time("2026-03-31T02:00:00Z", minusDays: 30) == "2026-03-01T02:00:00Z")
        #expect(Retention.time("yesterday", minusDays: 1) == nil)
    }
}
