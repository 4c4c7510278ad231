import Foundation
import ScoutModel
import Testing
@testable import Store

/// The look-ups a registry scan makes once per run instead of once per tag (issue 13).
@Suite struct ScanIndexTests {
    static func sbom(_ digest: String, packages: Int, incomplete: Bool = false) -> ImageSBOM {
        var sbom = StoreTests.sbom
        sbom.metadata.manifestDigest = digest
        sbom.packages = (0..<packages).map { number in
            var package = StoreTests.package
            package.name = "package-\(number)"
            return package
        }
        if incomplete {
            var warning = ScanWarning(subject: "sha256:beee", message: "Failed to read layer 'sha256:beee…': unexpected end of archive.")
            warning.incomplete = true
            sbom.warnings = [warning]
        }
        return sbom
    }

    @Test func packageCountsAreThoseOfTheOneByOneLookUp() throws {
        let (store, _) = try StoreTests().temporaryStore()
        try store.saveImage(Self.sbom("sha256:three", packages: 3), source: "s", at: "2026-01-01T00:00:00Z")
        try store.saveImage(Self.sbom("sha256:none", packages: 0), source: "s", at: "2026-01-01T00:00:00Z")
        try store.saveImage(Self.sbom("sha256:many", packages: 301), source: "s", at: "2026-01-01T00:00:00Z")
        try store.saveImage(Self.sbom("sha256:broken", packages: 2, incomplete: true), source: "s", at: "2026-01-01T00:00:00Z")
        let digests = ["sha256:three", "sha256:none", "sha256:many", "sha256:broken", "sha256:absent", "sha256:three"]
        let counts = try store.storedPackageCounts(digests: digests)
        #expect(counts == ["sha256:three": 3, "sha256:none": 0, "sha256:many": 301], "incomplete and absent images are read again")
        for digest in digests {
            #expect(counts[digest] == (try store.storedPackageCount(digest: digest)), "\(digest)")
        }
        #expect(try store.storedPackageCounts(digests: []).isEmpty)
    }

    @Test func resolvedManifestsAreReadByTagDigestAndPlatform() throws {
        let (store, _) = try StoreTests().temporaryStore()
        #expect(try store.resolvedManifests().isEmpty)
        let amd = ResolvedManifest(manifestDigest: "sha256:amd", created: "2026-01-01T00:00:00Z")
        let arm = ResolvedManifest(manifestDigest: "sha256:arm", created: nil)
        try store.recordResolvedManifest(tagDigest: "sha256:index", platform: "linux/amd64", amd)
        try store.recordResolvedManifest(tagDigest: "sha256:index", platform: "linux/arm64", arm)
        try store.recordResolvedManifest(tagDigest: "sha256:single", platform: "linux/amd64", amd)
        let known = try store.resolvedManifests()
        #expect(known == ["sha256:index": ["linux/amd64": amd, "linux/arm64": arm], "sha256:single": ["linux/amd64": amd]])
        for (tagDigest, platforms) in known {
            for (platform, manifest) in platforms {
                #expect(try store.resolvedManifest(tagDigest: tagDigest, platform: platform) == manifest)
            }
        }
    }
}
