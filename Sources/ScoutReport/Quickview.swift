import ArgumentParser
import Foundation
import Reports

extension ScoutReport {
    struct Quickview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quickview",
            abstract: "Show a summary of an image's vulnerabilities, as `docker scout quickview` does.",
            discussion: """
                Example:
                  scout-report quickview archive://alpine-311.tar.gz --db store.sqlite
                """,
            aliases: ["qv"])

        @OptionGroup var options: ImageOptions

        func run() throws {
            let report = try reportingErrors { try options.report() }
            print(QuickviewReport.render(image: report, base: nil))
        }
    }
}
