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

        @Flag(name: .shortAndLong, help: "Print a line for every image analysed or found unchanged.")
        var verbose = false

        @Option(name: .long, help: ArgumentHelp("Seconds between progress lines when stderr is not a terminal.", visibility: .hidden))
        var progressInterval: Double = 5

        @Flag(name: .long, help: "Wait for another run on the same store to finish instead of failing.")
        var wait = false

        @Option(name: .long, help: "Stop reading images after this long (90s, 45m, 2h): what is left is read on the next run, and the run still re-evaluates and publishes.")
        var deadline: String?

        @Flag(name: .long, help: "Accept remote advisory updates that leave a source with under a quarter of its records.")
        var allowShrink = false

        @Option(name: .long, help: "With queue: in the configuration, how many images this run reads itself beside the workers (0: only coordinate; default: one per core).")
        var localWorkers: Int?

        func validate() throws {
            if let now, !Clock.isValid(now) {
                throw ValidationError("--now '\(now)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
            }
            if let localWorkers, localWorkers < 0 {
                throw ValidationError("--local-workers '\(localWorkers)' is negative; give 0 to only coordinate")
            }
            if let deadline, DeadlineText.seconds(deadline) == nil {
                throw ValidationError("--deadline '\(deadline)' is not a duration such as 90s, 45m or 2h")
            }
        }

        func run() throws {
            let quiet = self.quiet, verbose = self.verbose
            let progress = ScanProgress()
            let status = StatusLine(progress: progress, interval: max(0.1, progressInterval))
            if !quiet { status.start() }
            let outcome = try reportingErrors {
                defer { if !quiet { status.stop() } }
                let config = try ConfigLoader.load(path: config)
                var job = NightlyJob(
                    config: config, clock: Clock(pinned: now),
                    templatesDirectory: templates.map { URL(fileURLWithPath: $0) },
                    waitForLock: wait, progress: progress,
                    log: { if !quiet { status.print($0) } },
                    detail: { if verbose && !quiet { status.print($0) } })
                job.deadline = deadline.flatMap(DeadlineText.seconds).map { Date().addingTimeInterval($0) }
                job.allowShrink = allowShrink
                job.localWorkers = localWorkers
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

/// `--deadline` values: whole seconds, or a number followed by s, m or h.
enum DeadlineText {
    static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = trimmed.last.flatMap { units[$0] }
        guard let value = Double(unit == nil ? trimmed : String(trimmed.dropLast())), value > 0, value.isFinite else { return nil }
        return value * (unit ?? 1)
    }
}
