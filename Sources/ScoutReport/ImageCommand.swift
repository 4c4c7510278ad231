import ArgumentParser
import Foundation
import Pipeline
import ScoutModel
import Store

/// Options shared by the commands that analyse one image.
struct ImageOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The platform to pick from a multi-platform image (os/arch[/variant]).")
    var platform: String?

    @Flag(name: .shortAndLong, help: "Print no progress.")
    var quiet = false

    @Argument(help: "The image: oci-dir://PATH, archive://FILE (docker save, gzip or not) or registry://HOST[:PORT]/REPO:TAG (credentials from ~/.docker/config.json).")
    var image: String

    func validate() throws {
        if let platform, Platform(platform) == nil {
            throw ValidationError("--platform '\(platform)' is not os/arch[/variant], e.g. linux/amd64")
        }
    }

    /// Analyses (or finds cached) the image and evaluates it against the store's advisories.
    func report() throws -> ImageReport {
        let store = try ScoutStore(path: store.db)
        let analyzer = ImageAnalyzer(store: store, platform: platform.flatMap(Platform.init), clock: Clock())
        let outcome = try analyzer.analyse(image)
        let count = outcome.sbom.packages.count
        Console.progress(outcome.cached
            ? "    ✓ SBOM of image already cached, \(count) packages indexed"
            : "    ✓ Indexed \(count) packages", quiet: quiet || !isatty(2).boolValue)
        let result = try Evaluator(store: store).evaluate(outcome.sbom)
        let stored = try store.images().first { $0.sbom.metadata.manifestDigest == outcome.sbom.metadata.manifestDigest }
        let first = stored?.tags.first
        return ImageReport(
            repository: first?.repository, tags: first.map { [$0.tag] } ?? [], source: image,
            sbom: outcome.sbom, findings: result.findings, firstSeen: stored?.firstSeen)
    }
}

extension Int32 {
    var boolValue: Bool { self != 0 }
}
