import ArgumentParser
import Foundation
import Reports
import ScoutModel

extension ScoutReport {
    struct SBOM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sbom",
            abstract: "Print the packages of an image, as `docker scout sbom` does.",
            discussion: """
                Formats: json (default; scout-report's own SBOM), list (Name, Version, Type table),
                spdx (SPDX 2.3 JSON), cyclonedx (CycloneDX 1.6 JSON).

                Examples:
                  scout-report sbom archive://alpine-311.tar.gz --db store.sqlite
                  scout-report sbom --format list --only-package-type apk oci-dir://./image
                  scout-report sbom --format spdx --output sbom.spdx.json fs://./rootfs
                  scout-report sbom --format cyclonedx IMAGE | scout-report cves sbom://-
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, list, spdx, cyclonedx
        }

        @OptionGroup var options: ImageOptions
        @OptionGroup var time: TimeOptions
        @OptionGroup var incomplete: IncompleteOptions

        @Option(name: .long, help: "Output format: json, list, spdx or cyclonedx.")
        var format: Format = .json

        @Option(name: .long, help: "Only these package types (comma-separated: apk,deb,…).")
        var onlyPackageType: String?

        @Option(name: [.customShort("o"), .long], help: "Write the SBOM to this file instead of stdout.")
        var output: String?

        func validate() throws { _ = try types() }

        func types() throws -> Set<PackageType>? {
            guard let onlyPackageType else { return nil }
            return Set(try onlyPackageType.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
                guard let type = PackageType(rawValue: trimmed) else {
                    throw ValidationError("--only-package-type '\(trimmed)' is not one of \(PackageType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return type
            })
        }

        func run() throws {
            let image = try reportingErrors { () throws -> ImageReport in
                var image = try CVEsFilter(onlyPackageTypes: try types()).apply(to: options.report())
                image.findings = []
                let text: String
                switch format {
                case .json: text = try SBOMReport.json(image, toolVersion: ScoutReport.version)
                case .list: text = SBOMReport.list(image)
                case .spdx: text = try SPDXReport.render(image, toolVersion: ScoutReport.version, created: time.time)
                case .cyclonedx: text = try CycloneDXReport.render(image, toolVersion: ScoutReport.version, withVulnerabilities: false)
                }
                try ReportOutput.emit(text, to: output, progress: options.progress)
                return image
            }
            try incomplete.check(image)
        }
    }
}
