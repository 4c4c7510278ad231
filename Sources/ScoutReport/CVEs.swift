import ArgumentParser
import Foundation
import Reports
import ScoutModel

extension ScoutReport {
    struct CVEs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cves",
            abstract: "List the vulnerabilities of an image, as `docker scout cves` does.",
            discussion: """
                Examples:
                  scout-report cves archive://alpine-311.tar.gz --db store.sqlite
                  scout-report cves --format only-packages --only-vuln-packages --only-severity critical IMAGE
                  scout-report cves --format sarif --output report.sarif IMAGE
                  scout-report cves --exit-code --only-severity critical,high IMAGE
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case packages
            case onlyPackages = "only-packages"
            case sarif
        }

        @OptionGroup var options: ImageOptions

        @Option(name: .long, help: "Output format: packages, only-packages or sarif.")
        var format: Format = .packages

        @Option(name: .long, help: "Only these severities (comma-separated: critical,high,medium,low,unspecified).")
        var onlySeverity: String?

        @Option(name: .long, help: "Only these package types (comma-separated: apk,deb,…).")
        var onlyPackageType: String?

        @Option(name: .long, help: "Only packages whose name matches one of these regular expressions (comma-separated).")
        var onlyPackage: String?

        @Option(name: .long, help: "Only these vulnerability ids (comma-separated).")
        var onlyCveId: String?

        @Flag(name: .long, help: "Only vulnerabilities with a fix.")
        var onlyFixed = false

        @Flag(name: .long, help: "Only vulnerabilities without a fix.")
        var onlyUnfixed = false

        @Flag(name: .long, help: "With only-packages: list only vulnerable packages.")
        var onlyVulnPackages = false

        @Flag(name: .long, help: "Print each package's layer and file paths.")
        var locations = false

        @Flag(name: [.customShort("e"), .long], help: "Exit with code 2 when vulnerabilities remain after the filters.")
        var exitCode = false

        @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of stdout.")
        var output: String?

        func validate() throws {
            if onlyFixed && onlyUnfixed { throw ValidationError("--only-fixed and --only-unfixed exclude each other") }
            _ = try filter()
        }

        func filter() throws -> CVEsFilter {
            func list(_ text: String?) -> [String]? {
                text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            }
            var filter = CVEsFilter()
            if let severities = list(onlySeverity) {
                filter.onlySeverities = Set(try severities.map { name in
                    guard let severity = Severity(rawValue: name.lowercased()) else {
                        throw ValidationError("--only-severity '\(name)' is not one of critical, high, medium, low, unspecified")
                    }
                    return severity
                })
            }
            if let types = list(onlyPackageType) {
                filter.onlyPackageTypes = Set(try types.map { name in
                    guard let type = PackageType(rawValue: name.lowercased()) else {
                        throw ValidationError("--only-package-type '\(name)' is not one of \(PackageType.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return type
                })
            }
            filter.onlyPackageRegex = list(onlyPackage) ?? []
            filter.onlyCVEIDs = list(onlyCveId).map(Set.init)
            filter.onlyFixed = onlyFixed
            filter.onlyUnfixed = onlyUnfixed
            filter.onlyVulnPackages = onlyVulnPackages
            return filter
        }

        func run() throws {
            let filtered = try reportingErrors { () throws -> ImageReport in
                let report = try options.report()
                return try filter().apply(to: report)
            }
            let text: String = try reportingErrors {
                switch format {
                case .packages: return CVEsReport.packages(filtered, locations: locations)
                case .onlyPackages: return CVEsReport.onlyPackages(filtered, onlyVulnPackages: onlyVulnPackages)
                case .sarif: return try SARIFReport.render(filtered, toolVersion: ScoutReport.version)
                }
            }
            Console.progress("    " + CVEsReport.summaryLine(filtered), quiet: options.quiet)
            if let output {
                try reportingErrors {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                }
            } else {
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
            if exitCode && !filtered.findings.isEmpty { throw ExitCode(2) }
        }
    }
}
