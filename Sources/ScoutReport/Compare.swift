import ArgumentParser
import Foundation
import Reports

extension ScoutReport {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare two images: packages added, removed or changed, vulnerabilities added or fixed.",
            discussion: """
                IMAGE is the analysed image, --to the one it is compared with (its baseline).
                Exit codes: 0 done, 1 error, 2 when an --exit-on condition holds, 64 usage.
                --exit-on vulnerability: IMAGE has vulnerabilities the --to image does not have;
                --exit-on package: any package differs.

                Examples:
                  scout-report compare archive://alpine-311.tar.gz --to archive://alpine-310.tar.gz --db store.sqlite
                  scout-report compare --format markdown IMAGE --to IMAGE > diff.md
                  scout-report compare --format json --exit-on vulnerability IMAGE --to IMAGE
                """,
            aliases: ["diff"])

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, markdown, json
        }

        @OptionGroup var options: ImageOptions

        @Option(name: .long, help: "The image to compare with (same reference forms as IMAGE).")
        var to: String

        @Option(name: .long, help: "Output format: text, markdown or json.")
        var format: Format = .text

        @Option(name: [.customShort("x"), .long], help: "Exit with code 2 when: vulnerability (new vulnerabilities), package (packages changed); comma-separated.")
        var exitOn: String?

        @Option(name: [.customShort("o"), .long], help: "Write the comparison to this file instead of stdout.")
        var output: String?

        func validate() throws {
            for condition in conditions where !["vulnerability", "package"].contains(condition) {
                throw ValidationError("--exit-on '\(condition)' is not one of vulnerability, package")
            }
        }

        var conditions: [String] {
            (exitOn ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }

        func run() throws {
            let comparison = try reportingErrors { () throws -> ImageComparison in
                let image = try options.report()
                let baseline = try options.report(of: to)
                let comparison = ImageComparison(image, to: baseline)
                let text: String
                switch format {
                case .text: text = CompareReport.text(comparison)
                case .markdown: text = CompareReport.markdown(comparison)
                case .json: text = try CompareReport.json(comparison)
                }
                try ReportOutput.emit(text, to: output, progress: options.progress)
                return comparison
            }
            if conditions.contains("vulnerability") && comparison.hasNewVulnerabilities { throw ExitCode(2) }
            if conditions.contains("package") && comparison.hasPackageChanges { throw ExitCode(2) }
        }
    }
}
