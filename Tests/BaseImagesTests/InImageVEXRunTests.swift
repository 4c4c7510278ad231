import Foundation
import ScoutModel
import Testing
import Vulnerabilities
@testable import Pipeline
import Store

/// Issue 18.15: a `*.vex.json` planted anywhere in an image (a dependency's folder) naming any
/// `pkg:oci/` product used to hide every finding on the site. In-image VEX is now opt-in per
/// repository, from the paths it names, and a document must name the image; `cves` applies the
/// policy the run recorded, so both agree.
@Suite(.serialized) struct InImageVEXRunTests {
    static func vex(_ ids: [String], product: String) -> [UInt8] {
        let statements = ids.map {
            #"{"vulnerability": {"name": "\#($0)"}, "products": [{"@id": "\#(product)"}], "status": "not_affected", "justification": "vulnerable_code_not_present"}"#
        }
        return Array(#"{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "x", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [\#(statements.joined(separator: ","))]}"#.utf8)
    }

    func config(_ directory: TemporaryDirectory, repositories: String) -> String {
        """
        store: store.sqlite
        site: site
        advisories:
          - name: alpine
            format: alpine-secdb
            path: \(Fixtures.root.appendingPathComponent("advisories/alpine-secdb").path)
        repositories:
        \(repositories)
        """
    }

    @Test func onlyOptedInPathsNamingTheImageSuppress() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let alpine = try Fixtures.alpineLayer("alpine-3.10")
        try OCIImageWriter.write(.init(layers: [alpine]), to: directory.url.appendingPathComponent("plain"))
        let file = directory.path("scout-report.yml")
        try Data(config(directory, repositories: "  - name: team/plain\n    images: [{tag: \"1\", ref: oci-dir://plain}]").utf8).write(to: URL(fileURLWithPath: file))
        _ = try NightlyJob(config: try ConfigLoader.load(path: file), clock: Clock(pinned: "2026-01-01T00:00:00Z")).run()
        let store = try ScoutStore(path: directory.path("store.sqlite"))
        let ids = Set(try store.findings(ofRun: try #require(try store.latestRunID())).values.flatMap { $0.map(\.vulnerabilityID) }).sorted()
        #expect(ids.count == 7, "the 7 openssl CVEs of Alpine 3.10: \(ids)")

        // name → (document path in the image, product it names, opted-in paths)
        let cases: [(String, String, String, [String])] = [
            ("team/planted", "usr/lib/node_modules/left-pad/left-pad.vex.json", "pkg:oci/anything", []),
            ("team/planted-optin", "usr/lib/node_modules/left-pad/left-pad.vex.json", "pkg:docker/team/planted-optin", ["/vex/*.vex.json"]),
            ("team/othername", "vex/app.vex.json", "pkg:oci/other?repository_url=docker.io/team/other", ["/vex/*.vex.json"]),
            ("team/anyimage", "vex/app.vex.json", "pkg:oci/anyimage", ["/vex/*.vex.json"]),
            ("team/vexed", "vex/app.vex.json", "pkg:docker/team/vexed", ["/vex/*.vex.json"]),
        ]
        var repositories = ""
        for (name, path, product, paths) in cases {
            let folder = name.replacingOccurrences(of: "/", with: "-")
            let planted = LayerTar([(path, Self.vex(ids, product: product))]).archive
            try OCIImageWriter.write(.init(layers: [alpine, planted]), to: directory.url.appendingPathComponent(folder))
            repositories += "  - name: \(name)\n    images: [{tag: \"1\", ref: oci-dir://\(folder)}]\n"
            if !paths.isEmpty { repositories += "    vex: {in-image: [\(paths.joined(separator: ", "))]}\n" }
        }
        try Data(config(directory, repositories: repositories).utf8).write(to: URL(fileURLWithPath: file))
        let loaded = try ConfigLoader.load(path: file)
        _ = try NightlyJob(config: loaded, clock: Clock(pinned: "2026-01-02T00:00:00Z")).run()

        let run = try store.findings(ofRun: try #require(try store.latestRunID()))
        let evaluator = try Evaluator(store: store)
        for (name, _, _, _) in cases {
            let image = try #require(try store.images().first { $0.tags.contains { $0.repository == name } })
            let digest = image.sbom.metadata.manifestDigest
            let active = (run[digest] ?? []).filter { $0.suppression == nil }.count
            #expect(active == (name == "team/vexed" ? 0 : 14), "\(name): 7 CVEs × libcrypto1.1 and libssl1.1, \(active) active")
            // What `cves` reports for the same image: the same suppression.
            let cli = try InImageVEXPolicy.applyRecorded(
                store: store, to: evaluator.evaluate(image.sbom).findings,
                image: ImageIdentity(digest: digest, tags: image.tags), today: "2026-01-02T00:00:00Z")
            #expect(cli.filter { $0.suppression == nil }.count == active, "\(name): cves and the site agree")
        }
    }
}
