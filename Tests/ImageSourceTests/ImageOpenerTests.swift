import TestSupport
import Foundation
import ImageSource
import ScoutModel
import Testing

@Suite struct ImageOpenerTests {
    @Test func parsesReferences() throws {
        #expect(try ImageReference(parsing: "oci-dir://images/test.oci") == .ociDirectory("images/test.oci"))
        #expect(try ImageReference(parsing: "archive:///tmp/a.tar.gz") == .archive("/tmp/a.tar.gz"))
        #expect(ImageReference.archive("x.tar").description == "archive://x.tar")
        #expect(try ImageReference(parsing: "oci-dir://d").description == "oci-dir://d")
        let unsupported = #expect(throws: ImageSourceError.self) { try ImageReference(parsing: "docker://alpine:3.11") }
        #expect(unsupported?.reason == .unsupportedReference)
        #expect(unsupported?.description.contains("not supported yet") == true)
        let invalid = #expect(throws: ImageSourceError.self) { try ImageReference(parsing: "alpine.tar") }
        #expect(invalid?.reason == .invalidReference)
        #expect(throws: ImageSourceError.self) { try ImageReference(parsing: "archive://") }
    }

    @Test func opensAlpine310Archive() throws {
        let image = try ImageOpener.open(.archive(Fixtures.path("images/alpine-310.tar.gz")))
        let meta = image.metadata
        #expect(meta.configDigest == "sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e")
        #expect(meta.repoTags == ["alpine:3.10"])
        #expect(meta.created == "2020-01-23T16:53:06.686519038Z")
        #expect(meta.platform == Platform(os: "linux", architecture: "amd64"))
        #expect(meta.user == "")
        #expect(meta.layers.count == 1)
        let layer = try #require(meta.layers.first)
        #expect(layer.diffID == "sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028")
        #expect(layer.digest == layer.diffID)
        #expect(layer.size == 5_818_880)
        #expect(meta.size == 5_818_880)
        #expect(layer.createdBy == "/bin/sh -c #(nop) ADD file:d48cac34fac385cbc1de6adfdd88300f76f9bbe346cd17e64fd834d042a98326 in / ")
        // The synthesized manifest digest is stable and is not the config digest.
        let again = try ImageOpener.open(.archive(Fixtures.path("images/alpine-310.tar.gz")))
        #expect(meta.manifestDigest == again.metadata.manifestDigest)
        #expect(meta.manifestDigest.hasPrefix("sha256:") && meta.manifestDigest.count == 71)
        #expect(meta.manifestDigest != meta.configDigest)
    }

    @Test func opensAlpine311Archive() throws {
        let meta = try ImageOpener.open(.archive(Fixtures.path("images/alpine-311.tar.gz"))).metadata
        #expect(meta.configDigest == "sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72")
        #expect(meta.repoTags == ["alpine:3.11"])
        #expect(meta.created == "2020-03-23T21:19:34.196162891Z")
        #expect(meta.layers.map(\.diffID) == ["sha256:beee9f30bc1f711043e78d4a2be0668955d4b761d587d6f60c2c8dc081efb203"])
        #expect(meta.layers.first?.size == 5_861_888)
        #expect(meta.layers.first?.createdBy?.hasSuffix("ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / ") == true)
        let other = try ImageOpener.open(.archive(Fixtures.path("images/alpine-310.tar.gz"))).metadata
        #expect(meta.manifestDigest != other.manifestDigest)
    }

    @Test func opensOCILayout() throws {
        let meta = try ImageOpener.open(.ociDirectory(Fixtures.path("images/test.oci"))).metadata
        #expect(meta.manifestDigest == "sha256:afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab")
        #expect(meta.configDigest == "sha256:b23a8f6569ae9ae331226205fa72f480ce5310707d0bc97e611f83fbbbde4604")
        #expect(meta.created == "2020-01-03T01:21:37.263809283Z")
        #expect(meta.platform?.description == "linux/amd64")
        #expect(meta.repoTags.isEmpty)
        #expect(meta.layers == [LayerInfo(
            index: 0, digest: "sha256:cdd16bd695eda2819e7637648f573c2ca64896c4f7bff9732ac9db734ca3bc2c",
            diffID: "sha256:9c27e219663c25e0f28493790cc0b88bc973ba3b1686355f221c38a36978ac63", size: 2610,
            mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
            createdBy: "/bin/sh -c #(nop) COPY file:7bf12aab75c3867a023fe3b8bd6d113d43a4fcc415f3cc27cbcf0fff37b65a02 in / ")])
        #expect(meta.size == 2610)
    }

    @Test func opensDocker25Archive() throws {
        let meta = try ImageOpener.open(.archive(Fixtures.path("images/hello-world-v25.tar"))).metadata
        // index.json has "manifests": null; the manifest blob is found by its config digest.
        #expect(meta.manifestDigest == "sha256:411caf340c828657e915a83ed561a79d2b8150dabad4dc079d881cbfe6f86afe")
        #expect(meta.configDigest == "sha256:ee301c921b8aadc002973b2e0c3da17d701dcd994b606769a7e6eaa100b81d44")
        #expect(meta.platform == Platform(os: "linux", architecture: "arm64"))
        #expect(meta.created == "2023-05-02T16:49:27Z")
        #expect(meta.repoTags.isEmpty)
        let layer = try #require(meta.layers.first)
        #expect(layer.digest == "sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43")
        #expect(layer.diffID == layer.digest)
        #expect(layer.mediaType == "application/vnd.oci.image.layer.v1.tar")
        #expect(layer.size == 10_752)
        #expect(layer.createdBy == "COPY hello / # buildkit")
    }

    @Test func selectsPlatformInIndex() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        var tar = TestTarWriter()
        tar.add("etc/os-release", "ID=test\n")
        let amd64 = try builder.manifest(.init(layers: [tar.archive], architecture: "amd64"))
        let arm64 = try builder.manifest(.init(layers: [tar.archive], architecture: "arm64"))
        // arm64 sits in a nested index; amd64 at the top.
        let nested = Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(arm64.descriptor)]}"#.utf8)
        let nestedDigest = try builder.blob(nested)
        try builder.index([
            #"{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"\#(nestedDigest)","size":\#(nested.count)}"#,
            amd64.descriptor,
        ])
        let byDefault = try ImageOpener.open(.ociDirectory(directory.path)).metadata
        #expect(byDefault.manifestDigest == amd64.digest)
        #expect(byDefault.repoTags == ["amd64-tag"])
        #expect(byDefault.annotations["org.example"] == "yes")
        #expect(byDefault.user == "app")
        let arm = try ImageOpener.open(.ociDirectory(directory.path), platform: Platform("linux/arm64")).metadata
        #expect(arm.manifestDigest == arm64.digest)
        #expect(arm.platform?.architecture == "arm64")
        let missing = #expect(throws: ImageSourceError.self) {
            try ImageOpener.open(.ociDirectory(directory.path), platform: Platform("linux/s390x"))
        }
        #expect(missing?.description.contains("linux/s390x") == true)
        #expect(missing?.description.contains("linux/amd64") == true)
    }

    @Test func rejectsTamperedConfigBlob() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        try FileManager.default.removeItem(at: directory.url)
        try FileManager.default.copyItem(atPath: Fixtures.path("images/test.oci"), toPath: directory.path)
        let configPath = directory.path + "/blobs/sha256/b23a8f6569ae9ae331226205fa72f480ce5310707d0bc97e611f83fbbbde4604"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: configPath)
        var config = try [UInt8](Data(contentsOf: URL(fileURLWithPath: configPath)))
        config[config.count - 3] = UInt8(ascii: "x")
        try Data(config).write(to: URL(fileURLWithPath: configPath))
        let error = #expect(throws: ImageSourceError.self) { try ImageOpener.open(.ociDirectory(directory.path)) }
        guard case .digestMismatch(let expected, _)? = error?.reason else {
            Issue.record("expected a digest mismatch, got \(String(describing: error))")
            return
        }
        #expect(expected == "sha256:b23a8f6569ae9ae331226205fa72f480ce5310707d0bc97e611f83fbbbde4604")
    }

    @Test func truncatedArchiveFailsToOpenWithClearError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let bytes = try Fixtures.bytes("images/alpine-310.tar.gz")
        let path = try directory.write(Array(bytes.prefix(bytes.count / 2)), to: "alpine-cut.tar.gz")
        let error = #expect(throws: ImageSourceError.self) { try ImageOpener.open(.archive(path)) }
        #expect(error?.description.contains("alpine-cut.tar.gz") == true)
    }
}
