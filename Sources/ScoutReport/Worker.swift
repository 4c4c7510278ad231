import ArgumentParser
import Foundation
import Pipeline

extension ScoutReport {
    struct Worker: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyse new images from the PostgreSQL work queue the nightly run fills (`queue:` in the configuration).",
            discussion: """
                Claims one job at a time (largest image first), reads the image with this machine's registry
                credentials, and completes the job with its SBOM; the nightly run imports it into its store.
                Example:
                  PGPASSWORD=… scout-report worker --config scout-report.yml
                """)

        @Option(name: .long, help: "The configuration file (its registries and queue: sections are used).")
        var config: String = "scout-report.yml"

        @Flag(name: .long, help: "Exit once no job is queued or running (a Kubernetes Job, a one-off helper).")
        var exitWhenIdle = false

        @Flag(name: .shortAndLong, help: "Print no progress.")
        var quiet = false

        func run() throws {
            let quiet = self.quiet
            let outcome = try reportingErrors {
                let config = try ConfigLoader.load(path: config)
                let worker = try QueueWorker(config: config, log: { Console.progress($0, quiet: quiet) })
                Console.progress("Worker \(worker.name) waiting for jobs", quiet: quiet)
                return try worker.run(exitWhenIdle: exitWhenIdle)
            }
            Console.progress("Worker done: \(outcome.completed) completed, \(outcome.failed) failed, \(outcome.refused) refused after a lost lease", quiet: quiet)
        }
    }
}
