import Reports
import ScoutModel

/// A machine-readable file written beside each image page (`<digest>.sarif.json`).
struct DownloadFormat: Sendable {
    let label: String
    /// Appended to the image page's file name without extension.
    let suffix: String
    let render: @Sendable (ImageReport, DownloadFormat.Context) throws -> String

    struct Context: Sendable {
        let toolVersion: String
        /// The snapshot's time (pinned in tests), for formats that record a creation time.
        let generatedAt: String
    }
}

/// The downloads of every image page, in the order the page lists them. The Markdown page is
/// written from the `image.md` template and linked separately.
enum SiteDownloads {
    static let formats: [DownloadFormat] = [
        DownloadFormat(label: "SARIF", suffix: ".sarif.json") { image, context in
            try SARIFReport.render(image, toolVersion: context.toolVersion)
        },
        DownloadFormat(label: "CycloneDX", suffix: ".cdx.json") { image, context in
            try CycloneDXReport.render(image, toolVersion: context.toolVersion, withVulnerabilities: true)
        },
        DownloadFormat(label: "SPDX", suffix: ".spdx.json") { image, context in
            try SPDXReport.render(image, toolVersion: context.toolVersion, created: context.generatedAt)
        },
    ]
}
