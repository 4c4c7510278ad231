import ArgumentParser
import Foundation
import Reports

extension ScoutReport {
    struct Recommendations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recommendations",
            abstract: "Recommend base-image refreshes and updates, as `docker scout recommendations` does.",
            discussion: """
                The base image is detected from the images in the store (annotations, provenance, or the
                longest layer prefix). "Refresh" is the same base tag at a newer digest; "change" is another
                tag of the base repository with the same flavour and a newer version. With no base detected,
                or no newer base analysed, the command says so instead of inventing recommendations.

                Examples:
                  scout-report recommendations archive://alpine-311.tar.gz --db store.sqlite
                  scout-report recommendations --only-refresh IMAGE
                """)

        @OptionGroup var options: ImageOptions

        @Flag(name: .long, help: "Only refresh recommendations (a newer digest of the same base tag).")
        var onlyRefresh = false

        @Flag(name: .long, help: "Only update recommendations (another base tag).")
        var onlyUpdate = false

        func validate() throws {
            if onlyRefresh && onlyUpdate { throw ValidationError("--only-refresh and --only-update exclude each other") }
        }

        func run() throws {
            let report = try reportingErrors { try options.reportWithBase().report }
            let mode: RecommendationsReport.Mode = onlyRefresh ? .onlyRefresh : (onlyUpdate ? .onlyUpdate : .all)
            print(RecommendationsReport.render(report, mode: mode), terminator: "")
        }
    }
}
