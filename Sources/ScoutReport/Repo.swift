import ArgumentParser
import Foundation
import Pipeline
import Store

extension ScoutReport {
    struct Repo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repo",
            abstract: "Show and change which repositories the nightly job analyses.",
            discussion: """
                `repo enable` and `repo disable` are stored in the store and win over the configuration's
                `enabled:` flag until changed again. A disabled repository keeps its history but is not analysed.
                  scout-report repo list --config scout-report.yml
                  scout-report repo disable library/postgres --config scout-report.yml
                """,
            subcommands: [List.self, Enable.self, Disable.self])
    }
}

/// Where the repositories are: the configuration (and its store), or a store alone.
struct RepoOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (its store and its repositories).")
    var config: String = "scout-report.yml"

    @Option(name: .long, help: "The SQLite store, when it is not the configuration's.")
    var db: String?

    /// The configuration when it can be read (required unless `--db` is given), and the store.
    func open() throws -> (Config?, ScoutStore) {
        var loaded: Config?
        if db == nil || FileManager.default.fileExists(atPath: config) {
            loaded = try ConfigLoader.load(path: config)
        }
        guard let path = db ?? loaded?.store else { throw Failure(message: "no store: give --config or --db") }
        return (loaded, try ScoutStore(path: path))
    }
}

extension ScoutReport.Repo {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every configured and discovered repository with its state.")

        @OptionGroup var options: RepoOptions

        func run() throws {
            try reportingErrors {
                let (config, store) = try options.open()
                let settings = try store.repositorySettings()
                let overrides = try store.repositoryOverrides()
                var rows: [[String]] = []
                var seen = Set<String>()
                for setting in settings {
                    seen.insert(setting.name)
                    let configured = config?.repositories.first { $0.name == setting.name }
                    let enabled = setting.override ?? configured?.enabled ?? setting.enabled
                    let origin = configured != nil ? "config" : setting.discovered ? "discovered" : "removed from config"
                    rows.append([setting.name, Self.state(enabled, overridden: setting.override != nil), origin,
                                 setting.lastAnalysed ?? "never", String(setting.imageCount), setting.source])
                }
                for repository in config?.repositories ?? [] where !seen.contains(repository.name) {
                    let override = overrides[repository.name]
                    rows.append([repository.name, Self.state(override ?? repository.enabled, overridden: override != nil), "config",
                                 "never", "0", repository.registry.map { "registry:\($0)" } ?? repository.sourceDescription])
                }
                rows.sort { $0[0] < $1[0] }
                print(Self.table(header: ["Repository", "State", "Origin", "Last analysis", "Images", "Source"], rows: rows))
            }
        }

        static func state(_ enabled: Bool, overridden: Bool) -> String {
            (enabled ? "enabled" : "disabled") + (overridden ? " (set)" : "")
        }

        static func table(header: [String], rows: [[String]]) -> String {
            let all = [header] + rows
            let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
            return all.map { row in
                row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Analyse this repository from the next run on (overrides the configuration).")

        @OptionGroup var options: RepoOptions

        @Argument(help: "The repository name, as `repo list` shows it.")
        var name: String

        func run() throws {
            try reportingErrors { try RepoSwitch.set(name, enabled: true, options: options) }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop analysing this repository; its history stays (overrides the configuration).")

        @OptionGroup var options: RepoOptions

        @Argument(help: "The repository name, as `repo list` shows it.")
        var name: String

        func run() throws {
            try reportingErrors { try RepoSwitch.set(name, enabled: false, options: options) }
        }
    }
}

enum RepoSwitch {
    static func set(_ name: String, enabled: Bool, options: RepoOptions) throws {
        let (config, store) = try options.open()
        let known = Set((config?.repositories.map(\.name) ?? []) + (try store.repositorySettings().map(\.name)))
        guard known.contains(name) else {
            let list = known.sorted().joined(separator: ", ")
            throw Failure(message: "unknown repository '\(name)': it is neither configured nor discovered\(list.isEmpty ? "" : " (known: \(list))")")
        }
        try store.setRepositoryOverride(name: name, enabled: enabled, at: Clock().now())
        print("\(enabled ? "Enabled" : "Disabled") '\(name)' (stored; overrides the configuration until changed again)")
    }
}
