import ArgumentParser
import Foundation
import Reports

extension ScoutReport {
    struct Recommendations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recommendations",
            abstract: "Recommend base-image refreshes and updates, as `docker scout recommendations` does.",
            discussion: """
                Recommendations need base-image data (which image an image was built on, and newer
                digests or other tags of it). scout-report does not collect it yet, so this command
                prints the image and says "No base image data" instead of inventing recommendations.

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
            let report = try reportingErrors { try options.report() }
            let mode: RecommendationsReport.Mode = onlyRefresh ? .onlyRefresh : (onlyUpdate ? .onlyUpdate : .all)
            print(RecommendationsReport.render(report, mode: mode), terminator: "")
        }
    }
}
