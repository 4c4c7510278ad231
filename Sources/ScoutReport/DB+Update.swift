import ArgumentParser
import Foundation
import Pipeline
import ScoutModel
import Store

extension ScoutReport.DB {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Update the advisory sources listed in the configuration (remote ones downloaded when changed).",
            discussion: """
                Local sources are imported again; remote (http/https) sources are downloaded with a
                conditional request and imported only when they changed. A source that cannot be
                downloaded, verified or read keeps its previous records, with a warning.

                Examples:
                  scout-report db update --config scout-report.yml
                  scout-report db update --config scout-report.yml kev epss
                """)

        @Option(name: .long, help: "The configuration file.")
        var config: String = "scout-report.yml"

        @Argument(help: "Only these sources (names from the configuration).")
        var sources: [String] = []

        @Option(name: .long, help: ArgumentHelp("Pin the clock to this RFC 3339 time.", visibility: .hidden))
        var now: String?

        @Flag(name: .long, help: "Accept remote updates that leave a source with under a quarter of its records.")
        var allowShrink = false

        func run() throws {
            try reportingErrors {
                let config = try ConfigLoader.load(path: config)
                let unknown = sources.filter { name in !config.advisories.contains { $0.name == name } }
                guard unknown.isEmpty else {
                    throw Failure(message: "no advisory source named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in '\(config.file)'")
                }
                let store = try ScoutStore(path: config.store)
                var importer = AdvisoryImporter(store: store, clock: Clock(pinned: now))
                importer.allowShrink = allowShrink
                var failed = 0
                for source in config.advisories where sources.isEmpty || sources.contains(source.name) {
                    let result = try importer.importSource(source)
                    if result.imported {
                        print("Imported \(result.records) records into '\(source.name)'\(result.warnings.isEmpty ? "" : " (\(result.warnings.count) warnings)")")
                        for warning in result.warnings.prefix(5) { Console.error("warning: \(warning.message)") }
                    } else if result.notModified {
                        print("Unchanged '\(source.name)': not modified since the last download (\(result.records) records)")
                    } else {
                        failed += 1
                        for warning in result.warnings.prefix(5) { Console.error("warning: \(warning.message)") }
                        print("Kept the previous records of '\(source.name)'")
                    }
                }
                if failed > 0 { throw ExitCode.failure }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each advisory source: records, last update, age, location and warnings.")

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "Read the store path from this configuration instead of --db.")
        var config: String?

        @Option(name: .long, help: ArgumentHelp("Pin the clock to this RFC 3339 time.", visibility: .hidden))
        var now: String?

        @Flag(name: .long, help: "Accept remote updates that leave a source with under a quarter of its records.")
        var allowShrink = false

        func run() throws {
            try reportingErrors {
                let path = try config.map { try ConfigLoader.load(path: $0).store } ?? store.db
                let store = try ScoutStore(path: path)
                let sources = try store.advisorySourceDetails()
                guard !sources.isEmpty else {
                    print("No advisory source imported yet: run `scout-report db update` or `scout-report db import`.")
                    return
                }
                let now = Clock(pinned: now).now()
                print(SourceStatusTable.render(sources, now: now))
            }
        }
    }
}
