import ArgumentParser
import Foundation

@main
struct ScoutReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scout-report",
        abstract: "Analyse container images, keep their SBOMs, match advisories, publish a static report site.",
        discussion: """
            The nightly job:   scout-report run --config scout-report.yml
            One image:         scout-report quickview archive://alpine.tar.gz --db store.sqlite
                               scout-report cves --format sarif oci-dir://./image --db store.sqlite
                               scout-report sbom --format cyclonedx fs://./rootfs
                               scout-report compare IMAGE --to IMAGE --exit-on vulnerability
            References:        oci-dir://PATH, archive://FILE, fs://DIR, sbom://FILE (or sbom://- for stdin)
            Completions:       scout-report --generate-completion-script bash|zsh|fish
            Advisories:        scout-report db import --format osv ./advisories --db store.sqlite
            Repositories:      scout-report repo list --config scout-report.yml
                               scout-report db update --config scout-report.yml
            Re-evaluate:       scout-report evaluate --config scout-report.yml
            More machines:     scout-report worker --config scout-report.yml   (with queue: in the configuration)
            """,
        version: ScoutReport.version,
        subcommands: [Run.self, Evaluate.self, Quickview.self, CVEs.self, SBOM.self, Compare.self, Recommendations.self, DB.self, Repo.self, CompareVersions.self, Export.self, Worker.self])

    static let version = "0.1.0"
}

/// Prints progress and diagnostics on stderr.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// A progress line, shown only when stderr is a terminal or `verbose` is set.
    static func progress(_ message: String, quiet: Bool = false) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// A failure already explained on stderr: exit 1 without ArgumentParser printing more.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into a one-line message on stderr and exit code 1.
    func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
