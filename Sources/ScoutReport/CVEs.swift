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
                Formats: packages (default), only-packages, markdown, sarif (2.1.0), gitlab (container
                scanning report), spdx (2.3 JSON), cyclonedx (1.6 JSON with vulnerabilities).
                Exit codes: 0 done, 1 error or an incomplete image (some layers could not be read; the report
                still says so: --allow-incomplete accepts it), 2 with --exit-code when vulnerabilities remain, 64 usage.

                --ignore-base drops the vulnerabilities of packages that come from the base image's layers,
                --only-base keeps only those; the base is detected from the images in the store (annotations,
                provenance, or the longest layer prefix). With no base detected, every package is the image's own.

                Examples:
                  scout-report cves archive://alpine-311.tar.gz --db store.sqlite
                  scout-report cves --format only-packages --only-vuln-packages --only-severity critical IMAGE
                  scout-report cves --format sarif --output report.sarif IMAGE
                  scout-report cves --format markdown --only-fixed IMAGE > cves.md
                  scout-report cves --format cyclonedx fs://./rootfs
                  syft IMAGE -o cyclonedx-json | scout-report cves sbom://-
                  scout-report cves --exit-code --only-severity critical,high IMAGE
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case packages
            case onlyPackages = "only-packages"
            case markdown
            case sarif
            case gitlab
            case spdx
            case cyclonedx
        }

        @OptionGroup var options: ImageOptions

        @OptionGroup var time: TimeOptions

        @OptionGroup var incomplete: IncompleteOptions

        @Option(name: .long, help: "Output format: packages, only-packages, markdown, sarif, gitlab, spdx or cyclonedx.")
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

        @Flag(name: .long, help: "Leave out vulnerabilities of the base image (no base-image data yet: keeps every vulnerability).")
        var ignoreBase = false

        @Flag(name: .long, help: "Only vulnerabilities of the base image (no base-image data yet: keeps none).")
        var onlyBase = false

        @Option(name: .long, help: "Order of the packages and vulnerabilities: priority (KEV, severity, EPSS, fix; the default) or severity.")
        var sort: FindingOrder = .priority

        @Flag(name: .long, help: "Print each package's layer and file paths.")
        var locations = false

        @Flag(name: [.customShort("e"), .long], help: "Exit with code 2 when vulnerabilities remain after the filters.")
        var exitCode = false

        @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of stdout.")
        var output: String?

        func validate() throws {
            if onlyFixed && onlyUnfixed { throw ValidationError("--only-fixed and --only-unfixed exclude each other") }
            if ignoreBase && onlyBase { throw ValidationError("--ignore-base and --only-base exclude each other") }
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
            do {
                try filter.validate()
            } catch {
                throw ValidationError("--only-package: \(error.description)")
            }
            filter.onlyCVEIDs = list(onlyCveId).map(Set.init)
            filter.onlyFixed = onlyFixed
            filter.onlyUnfixed = onlyUnfixed
            filter.onlyVulnPackages = onlyVulnPackages
            return filter
        }

        func run() throws {
            let progress = options.progress
            let filtered = try reportingErrors { () throws -> ImageReport in
                guard ignoreBase || onlyBase else { return try filter().apply(to: options.report()) }
                let (annotated, context) = try options.reportWithBase()
                var report = try filter().apply(to: annotated)
                let baseLayers = Set(context.report(for: annotated.base?.base)?.sbom.metadata.layers.map(\.diffID) ?? [])
                let fromBase = { (finding: Finding) in finding.package.layerDiffID.map(baseLayers.contains) ?? false }
                report.findings = report.findings.filter { onlyBase ? fromBase($0) : !fromBase($0) }
                return report
            }
            progress.summary(CVEsReport.summaryLine(filtered))
            try reportingErrors {
                let text: String
                switch format {
                case .packages: text = CVEsReport.packages(filtered, locations: locations, order: sort)
                case .onlyPackages: text = CVEsReport.onlyPackages(filtered, onlyVulnPackages: onlyVulnPackages)
                case .markdown: text = MarkdownReport.render(filtered)
                case .sarif: text = try SARIFReport.render(filtered, toolVersion: ScoutReport.version)
                case .gitlab: text = try GitLabReport.render(filtered, toolVersion: ScoutReport.version, scanTime: time.time)
                case .spdx: text = try SPDXReport.render(filtered, toolVersion: ScoutReport.version, created: time.time)
                case .cyclonedx: text = try CycloneDXReport.render(filtered, toolVersion: ScoutReport.version, withVulnerabilities: true)
                }
                try ReportOutput.emit(text, to: output, progress: progress)
            }
            try incomplete.check(filtered)
            if exitCode && !filtered.findings.isEmpty { throw ExitCode(2) }
        }
    }
}

extension FindingOrder: ExpressibleByArgument {}
