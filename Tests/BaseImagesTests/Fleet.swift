import Foundation
import ScoutModel
@testable import Pipeline
import Store

/// A small fleet built in a temporary folder from real Alpine package data, run through the
/// nightly job twice: `base:1.0` is re-pushed with fewer vulnerable packages between the runs.
struct Fleet {
    let directory: TemporaryDirectory
    var digests: [String: String] = [:]

    static let openssl: Set<String> = ["libcrypto1.1", "libssl1.1"]
    static let firstRun = "2026-01-01T00:00:00Z"
    static let secondRun = "2026-01-02T00:00:00Z"

    init() throws {
        directory = try TemporaryDirectory()
        let old310 = try Fixtures.alpineLayer("alpine-3.10")
        let new310 = try Fixtures.alpineLayer("alpine-3.10", dropping: Self.openssl)
        let l311 = try Fixtures.alpineLayer("alpine-3.11")
        let images: [(String, OCIImageWriter.Image)] = [
            ("base-1.0-old", .init(layers: [old310], created: "2025-06-01T00:00:00Z")),
            ("base-1.0-new", .init(layers: [new310], created: "2025-12-01T00:00:00Z")),
            ("base-1.1", .init(layers: [l311], created: "2025-09-01T00:00:00Z")),
            // Same content as the refreshed 1.0, but another flavour or an older version: never the update.
            ("base-2.0-slim", .init(layers: [new310], created: "2025-12-02T00:00:00Z")),
            ("base-0.9", .init(layers: [new310], created: "2025-01-01T00:00:00Z")),
            ("app", .init(layers: [old310, Fixtures.appLayer("app")], user: "app")),
            ("approot", .init(layers: [old310, Fixtures.appLayer("approot")], user: nil)),
            ("annotated", .init(layers: [old310, Fixtures.appLayer("annotated")], user: "1000:1000")),
        ]
        for (name, image) in images {
            digests[name] = try OCIImageWriter.write(image, to: directory.url.appendingPathComponent(name))
        }
        // The annotated image names base:1.1, although its layers start with the old base:1.0.
        var annotated = images.last!.1
        annotated.manifestAnnotations = [
            "org.opencontainers.image.base.name": "docker.io/library/base:1.1",
            "org.opencontainers.image.base.digest": digests["base-1.1"]!,
        ]
        digests["annotated"] = try OCIImageWriter.write(annotated, to: directory.url.appendingPathComponent("annotated"))
    }

    /// The configuration, with `base:1.0` at the old or the re-pushed digest.
    func config(refreshed: Bool) -> String {
        """
        title: Base fleet
        store: store.sqlite
        site: site
        advisories:
          - name: alpine
            format: alpine-secdb
            path: \(Fixtures.root.appendingPathComponent("advisories/alpine-secdb").path)
          - name: nvd
            format: nvd
            path: \(Fixtures.root.appendingPathComponent("advisories/nvd-cves.json.gz").path)
        policies:
          approvedBaseImages: ["docker.io/library/*"]
          fixableGraceDays: 0
        repositories:
          - name: base
            baseOnly: true
            images:
              - tag: "1.0"
                ref: oci-dir://\(refreshed ? "base-1.0-new" : "base-1.0-old")
              - tag: "1.1"
                ref: oci-dir://base-1.1
              - tag: "2.0-slim"
                ref: oci-dir://base-2.0-slim
              - tag: "0.9"
                ref: oci-dir://base-0.9
          - name: app
            images:
              - tag: latest
                ref: oci-dir://app
          - name: approot
            images:
              - tag: latest
                ref: oci-dir://approot
          - name: annotated
            images:
              - tag: latest
                ref: oci-dir://annotated
        """
    }

    /// Runs the nightly job once with `base:1.0` old, once re-pushed; returns the second run's config.
    func runTwice() throws -> Config {
        var config: Config!
        for (refreshed, time) in [(false, Self.firstRun), (true, Self.secondRun)] {
            let file = directory.path("scout-report.yml")
            try Data(self.config(refreshed: refreshed).utf8).write(to: URL(fileURLWithPath: file))
            config = try ConfigLoader.load(path: file)
            _ = try NightlyJob(config: config, clock: Clock(pinned: time)).run()
        }
        return config
    }
}
