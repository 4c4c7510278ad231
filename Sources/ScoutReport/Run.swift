import ArgumentParser
import Foundation
import Pipeline

extension ScoutReport {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the nightly job: import advisories, analyse new images, re-evaluate, publish the site.",
            discussion: """
                Example:
                  scout-report run --config examples/scout-report.yml
                """)

        @Option(name: .long, help: "The configuration file.")
        var config: String = "scout-report.yml"

        @Option(name: .long, help: "A folder of templates that replace the embedded ones.")
        var templates: String?

        @Option(name: .long, help: ArgumentHelp("Pin the clock to this RFC 3339 time (reproducible sites).", visibility: .hidden))
        var now: String?

        @Flag(name: .shortAndLong, help: "Print no progress.")
        var quiet = false

        @Flag(name: .long, help: "Wait for another run on the same store to finish instead of failing.")
        var wait = false

        func validate() throws {
            if let now, !Clock.isValid(now) {
                throw ValidationError("--now '\(now)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
            }
        }

        func run() throws {
            let quiet = self.quiet
            let outcome = try reportingErrors {
                let config = try ConfigLoader.load(path: config)
                let job = NightlyJob(
                    config: config, clock: Clock(pinned: now),
                    templatesDirectory: templates.map { URL(fileURLWithPath: $0) },
                    waitForLock: wait,
                    log: { Console.progress($0, quiet: quiet) })
                return try job.run()
            }
            Console.progress(
                "Run \(outcome.run.id): \(outcome.imagesAnalysed) analysed, \(outcome.imagesCached) unchanged, \(outcome.imagesFailed) failed; "
                    + "\(outcome.run.counts.critical)C \(outcome.run.counts.high)H \(outcome.run.counts.medium)M \(outcome.run.counts.low)L \(outcome.run.counts.unspecified)?",
                quiet: quiet)
            for (name, statistics) in outcome.registryStatistics.sorted(by: { $0.key < $1.key }) {
                Console.progress(
                    "Registry '\(name)': \(statistics.requests) requests (\(statistics.manifestHeads) manifest HEADs, "
                        + "\(statistics.manifestGets.values.reduce(0, +)) manifest GETs, \(statistics.blobGets.values.reduce(0, +)) blob GETs, "
                        + "\(statistics.tokenRequests) token requests, \(statistics.retries) retries), \(statistics.blobBytes / 1_000_000) MB downloaded",
                    quiet: quiet)
            }
            if outcome.nothingDone {
                Console.error("error: nothing could be done: no image could be read and no advisory imported")
                throw ExitCode.failure
            }
        }
    }
}
