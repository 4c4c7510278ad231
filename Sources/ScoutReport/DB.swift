import ArgumentParser
import Foundation
import Pipeline
import Store

/// Where the store is, for commands that work on one image.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store (created when missing).")
    var db: String = ProcessInfo.processInfo.environment["SCOUT_REPORT_DB"] ?? "scout-report.sqlite"
}

extension ScoutReport {
    struct DB: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Manage the advisory database in the store.",
            subcommands: [Import.self, Update.self, Status.self])
    }
}

extension ScoutReport.DB {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import advisory files, folders or zips; each path replaces its previous records.",
            discussion: """
                Examples:
                  scout-report db import --format osv ./advisories/debian/osv --db store.sqlite
                  scout-report db import --format alpine-secdb ./secdb/v3.11 --db store.sqlite
                  scout-report db import --format nvd nvd-cves.json.gz --db store.sqlite
                """)

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "The format: osv, alpine-secdb, nvd, kev (CISA KEV JSON) or epss (EPSS CSV).")
        var format: String = "osv"

        @Option(name: .long, help: "The source name to store them under (default: the path's last component).")
        var name: String?

        @Argument(help: "Files, folders or .zip archives.")
        var paths: [String]

        func validate() throws {
            guard ["osv", "alpine-secdb", "nvd", "kev", "epss"].contains(format) else {
                throw ValidationError("--format '\(format)' is not one of osv, alpine-secdb, nvd, kev, epss")
            }
            if name != nil && paths.count > 1 {
                throw ValidationError("--name names one source; give one path with it")
            }
        }

        func run() throws {
            try reportingErrors {
                let store = try ScoutStore(path: store.db)
                let importer = AdvisoryImporter(store: store, clock: Clock())
                var failed = false
                for path in paths {
                    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                    let sourceName = name ?? URL(fileURLWithPath: absolute).lastPathComponent
                    let result = try importer.importSource(name: sourceName, format: format, path: absolute)
                    for warning in result.warnings { Console.error("warning: \(warning.message)") }
                    if result.imported {
                        print("Imported \(result.records) records from '\(path)' as '\(sourceName)'")
                    } else {
                        failed = true
                    }
                }
                if failed { throw ExitCode.failure }
            }
        }
    }

}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
