import Catalogers
import Foundation
import ImageSource
import ScoutModel
import Testing

/// Real archives through ImageSource and Catalogers, compared with `images/expected-packages.json`.
@Suite struct EndToEndCatalogTests {
    struct Expected: Decodable {
        struct Image: Decodable {
            struct Package: Decodable {
                var name: String
                var version: String
                var origin: String
                var arch: String
                var license: String
            }
            var repo_tag: String
            var os_release: String
            var config_digest: String
            var diff_id: String
            var created: String
            var packages: [Package]
        }
        var images: [String: Image]
    }

    @Test(arguments: ["alpine-310.tar.gz", "alpine-311.tar.gz"])
    func catalogsAlpineArchive(_ name: String) throws {
        let all = try JSONDecoder().decode(Expected.self, from: Data(Fixtures.bytes("images/expected-packages.json")))
        let expected = try #require(all.images[name])
        let image = try ImageOpener.open(.archive(Fixtures.path("images/\(name)")))
        #expect(image.metadata.repoTags == [expected.repo_tag])
        #expect(image.metadata.configDigest == expected.config_digest)
        #expect(image.metadata.created == expected.created)
        let read = try image.readLayers(wants: Cataloging.wants)
        #expect(read.warnings.isEmpty)
        let result = Cataloging.catalog(layers: read.layers)
        #expect(result.warnings.isEmpty)
        #expect(result.os?.id == "alpine")
        #expect(result.os?.versionID == expected.os_release)
        #expect(result.packages.count == 14)
        #expect(result.packages.map(\.name).sorted() == expected.packages.map(\.name).sorted())
        for want in expected.packages {
            let package = try #require(result.packages.first { $0.name == want.name })
            #expect(package.type == .apk)
            #expect(package.version == want.version)
            #expect(package.sourceName == want.origin)
            #expect(package.architecture == want.arch)
            #expect(package.licenses == want.license.split(separator: " ").map(String.init))
            #expect(package.layerDiffID == expected.diff_id)
            #expect(package.locations == ["lib/apk/db/installed"])
            let upstream = want.origin == want.name ? "" : "&upstream=\(want.origin)"
            #expect(package.purl == "pkg:apk/alpine/\(want.name)@\(want.version)?arch=x86_64&distro=alpine-\(expected.os_release)\(upstream)")
        }
    }

    @Test(arguments: ["oci:test.oci", "archive:hello-world-v25.tar"])
    func imagesWithoutPackageDatabaseGiveNoPackages(_ spec: String) throws {
        let parts = spec.split(separator: ":").map(String.init)
        let path = Fixtures.path("images/\(parts[1])")
        let image = try ImageOpener.open(parts[0] == "oci" ? .ociDirectory(path) : .archive(path))
        let read = try image.readLayers(wants: Cataloging.wants)
        #expect(read.warnings.isEmpty)
        // Only the program at the image root is kept, as a Go / cargo-auditable binary candidate: it is neither.
        #expect(read.layers.count == 1 && read.layers[0].files.keys.sorted() == ["hello"])
        let result = Cataloging.catalog(layers: read.layers)
        #expect(result.packages.isEmpty && result.os == nil && result.warnings.isEmpty)
    }
}
