import ArgumentParser
import Foundation
import Pipeline
import ScoutModel
import Store
import Vulnerabilities

/// Options shared by the commands that analyse one image.
struct ImageOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The platform to pick from a multi-platform image (os/arch[/variant]).")
    var platform: String?

    @Flag(name: .shortAndLong, help: "Print no progress (progress is shown only when stderr is a terminal).")
    var quiet = false

    @Argument(help: "The image: oci-dir://PATH, archive://FILE (docker save, gzip or not), registry://HOST[:PORT]/REPO:TAG (credentials from ~/.docker/config.json), fs://DIR (a root filesystem) or sbom://FILE (CycloneDX or SPDX JSON; sbom://- reads stdin).")
    var image: String

    func validate() throws {
        if let platform, Platform(platform) == nil {
            throw ValidationError("--platform '\(platform)' is not os/arch[/variant], e.g. linux/amd64")
        }
    }

    var progress: Progress { Progress(quiet: quiet) }

    /// Analyses (or finds cached) the image and evaluates it against the store's advisories.
    func report() throws -> ImageReport {
        try report(of: image)
    }

    /// The same for another reference (`compare --to`), with this command's store and platform.
    func report(of reference: String) throws -> ImageReport {
        let progress = self.progress
        let store = try ScoutStore(path: store.db)
        let analyzer = ImageAnalyzer(store: store, platform: platform.flatMap(Platform.init), clock: Clock())
        progress.started(reference.hasPrefix(ImageAnalyzer.sbomScheme) ? "Reading SBOM document" : "Indexing \(reference)")
        let outcome = try analyzer.analyse(reference)
        let count = outcome.sbom.packages.count
        if outcome.cached {
            progress.done("SBOM of image already cached, \(count) packages indexed")
        } else {
            progress.done("Indexed \(count) packages")
        }
        progress.started("Matching vulnerabilities")
        let result = try Evaluator(store: store).evaluate(outcome.sbom)
        // Versions that could not be compared: neither vulnerable nor clean, so said on stderr.
        for warning in result.warnings { Console.error("warning: \(warning.message)") }
        let digest = outcome.sbom.metadata.manifestDigest
        let stored = try store.image(digest: digest)
        let first = stored?.tags.first
        var source = reference
        if reference == ImageAnalyzer.sbomScheme + "-" { source = outcome.documentName ?? "<stdin>" }
        // In-image VEX documents apply as on the site: only those the image's repository opted in to.
        let evaluated = try InImageVEXPolicy.applyRecorded(
            store: store, to: result.findings, image: ImageIdentity(digest: digest, tags: stored?.tags ?? []), today: Clock().now())
        var report = ImageReport(
            repository: first?.repository, tags: first.map { [$0.tag] } ?? [], source: source,
            sbom: outcome.sbom, findings: evaluated.filter { $0.suppression == nil }, firstSeen: stored?.firstSeen,
            suppressed: evaluated.filter { $0.suppression != nil })
        report.evaluationWarnings = result.warnings
        return report
    }
}

/// `--now`: the time written into SPDX `created` and GitLab scan times (pinned in tests).
struct TimeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pin the clock to this RFC 3339 time (reproducible documents).", visibility: .hidden))
    var now: String?

    func validate() throws {
        if let now, !Clock.isValid(now) {
            throw ValidationError("--now '\(now)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
        }
    }

    var time: String { Clock(pinned: now).now() }
}
