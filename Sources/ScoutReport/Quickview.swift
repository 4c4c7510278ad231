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

        @OptionGroup var incomplete: IncompleteOptions

        func run() throws {
            let (report, context) = try reportingErrors { try options.reportWithBase() }
            let base = report.base
            print(QuickviewReport.render(
                image: report, base: context.report(for: base?.base), refreshedBase: context.report(for: base?.refreshed),
                updatedBase: context.report(for: base?.updated), baseAutoDetected: base?.autoDetected ?? false))
            // Policies over a partial package list would grade an unreadable image as healthy.
            if let policies = report.policies, !report.sbom.isIncomplete { print(PolicyStatusReport.render(policies), terminator: "") }
            try incomplete.check(report)
        }
    }
}
