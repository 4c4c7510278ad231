import ArgumentParser
import Foundation
import Pipeline

extension ScoutReport {
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-match every stored SBOM against the current advisories, record the run, publish the site.",
            discussion: """
                No image is read: the SBOMs kept in the store are evaluated against the advisories, VEX
                documents and ignore list as they are now. Use it after `db update`, or when advisories
                changed between nightly runs.

                Example:
                  scout-report db update --config scout-report.yml && scout-report evaluate --config scout-report.yml
                """)

        @Option(name: .long, help: "The configuration file.")
        var config: String = "scout-report.yml"

        @Option(name: .long, help: "A folder of templates that replace the embedded ones.")
        var templates: String?

        @Flag(name: .long, help: "Match every stored image again, not only what changed since the last run.")
        var full = false

        @Flag(name: .long, help: "Record the run but do not publish the site.")
        var noSite = false

        @Option(name: .long, help: ArgumentHelp("Pin the clock to this RFC 3339 time (reproducible sites).", visibility: .hidden))
        var now: String?

        @Flag(name: .shortAndLong, help: "Print no progress.")
        var quiet = false

        func validate() throws {
            if let now, !Clock.isValid(now) {
                throw ValidationError("--now '\(now)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
            }
        }

        func run() throws {
            let quiet = self.quiet
            try reportingErrors {
                let config = try ConfigLoader.load(path: config)
                var job = EvaluateJob(config: config, clock: Clock(pinned: now),
                                      templatesDirectory: templates.map { URL(fileURLWithPath: $0) }, publishSite: !noSite)
                job.full = full
                job.log = { Console.progress($0, quiet: quiet) }
                let outcome = try job.run()
                for warning in outcome.warnings { Console.error("warning: \(warning.message)") }
                let counts = outcome.run.counts
                Console.progress(
                    "Run \(outcome.run.id): evaluated \(outcome.imagesEvaluated) images (\(outcome.imagesMatched) matched again) against \(outcome.advisoryCount) advisories: "
                        + "\(outcome.run.newFindings) new, \(outcome.run.fixedFindings) fixed, \(outcome.suppressed) suppressed; "
                        + "\(counts.critical)C \(counts.high)H \(counts.medium)M \(counts.low)L \(counts.unspecified)?",
                    quiet: quiet)
                if let pruned = outcome.pruned { Console.progress(Retention.describe(pruned), quiet: quiet) }
            }
        }
    }
}
