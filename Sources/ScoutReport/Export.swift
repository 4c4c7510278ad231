import ArgumentParser
import Foundation
import Pipeline
import Reports
import Store

extension ScoutReport {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every current finding of every current image from the store, as CSV or JSON.",
            discussion: """
                The same files the site publishes as exports/findings.csv and exports/findings.json: one row
                per finding of each image a tag points at (repository, tag, digest, vulnerability, package,
                version, fixed version, severity, priority, CVSS, EPSS, KEV, first seen, owner, suppression),
                from the latest run. The CSV follows RFC 4180 and prefixes a cell starting with = + - @ with '.

                Example:
                  scout-report export --config scout-report.yml --format csv --output findings.csv
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

        @Option(name: .long, help: "The configuration file (its store and owners are used).")
        var config: String = "scout-report.yml"

        @Option(name: .long, help: "csv or json.")
        var format: Format = .csv

        @Option(name: [.customShort("o"), .long], help: "Write the export to this file instead of stdout.")
        var output: String?

        func run() throws {
            try reportingErrors {
                let config = try ConfigLoader.load(path: config)
                guard FileManager.default.fileExists(atPath: config.store) else {
                    throw ValidationError("Failed to export the findings of '\(config.store)': the store does not exist; run `scout-report run` first")
                }
                let store = try ScoutStore(path: config.store)
                let snapshot = try SnapshotBuilder(store: store, config: config).snapshot(title: config.title, generatedAt: Clock().now())
                let export = FindingExport(images: snapshot.images.filter { !$0.tags.isEmpty })
                let text = format == .csv ? export.csv : export.json
                if output == nil {
                    // As is: the CSV's lines end in CRLF, which `print` would follow with another line feed.
                    FileHandle.standardOutput.write(Data(text.utf8))
                } else {
                    try ReportOutput.emit(text, to: output, progress: Progress(quiet: false))
                }
            }
        }
    }
}
