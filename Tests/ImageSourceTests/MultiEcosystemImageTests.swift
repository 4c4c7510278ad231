import TestSupport
import Catalogers
import Foundation
import ImageSource
import ScoutModel
import Testing

/// An image built here from the real rootfs fixtures, one ecosystem per layer (Debian OS, Python, npm, Java, a Go binary),
/// read through `ImageOpener` and `Cataloging`: every package is found and attributed to its layer.
@Suite struct MultiEcosystemImageTests {
    /// The regular files of `Fixtures/rootfs/<case>/` by in-image path, optionally under `prefix`.
    static func files(_ name: String, only filter: (String) -> Bool = { _ in true }) throws -> [(String, [UInt8])] {
        let folder = Fixtures.root.appendingPathComponent("rootfs/\(name)")
        let base = folder.standardizedFileURL.path + "/"
        var result: [(String, [UInt8])] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            guard path != "expected.json", filter(path) else { continue }
            result.append((path, [UInt8](try Data(contentsOf: url))))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static func layer(_ parts: [(String, [UInt8])], whiteouts: [String] = []) -> [UInt8] {
        var tar = TestTarWriter()
        for (path, content) in parts {
            precondition(path.utf8.count < 100, "ustar name too long: \(path)")
            tar.add(path, content: content)
        }
        for path in whiteouts { tar.add(path) }
        return tar.archive
    }

    @Test func eachEcosystemIsAttributedToItsLayer() throws {
        let os = Self.layer(try Self.files("scalibr-dpkg-bookworm"))
        let python = Self.layer(try Self.files("scalibr-python-wheelegg") + Self.files("syft-python-site-packages")
                                + Self.files("syft-python-egg-info-file"))
        let npm = Self.layer(try Self.files("syft-npm-package-json") + Self.files("syft-npm-package-lock-v1"))
        let java = Self.layer(try Self.files("scalibr-java-guava") + Self.files("syft-java-jar-metadata") { $0.hasPrefix("opt/") })
        let go = Self.layer(try Self.files("scalibr-go-binary"))
        // The last layer uninstalls pip (a whiteout of its dist-info directory) and touches nothing else.
        let cleanup = Self.layer([("etc/motd", Array("hello\n".utf8))], whiteouts: ["usr/lib/python3/dist-packages/.wh.pip-22.2.2.dist-info"])
        let layers = [os, python, npm, java, go, cleanup]
        let diffIDs = layers.map(ContentDigest.sha256)

        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        try builder.index([try builder.manifest(.init(layers: layers)).descriptor])
        let image = try ImageOpener.open(.ociDirectory(directory.path))
        let read = try image.readLayers(wants: Cataloging.wants)
        #expect(read.warnings.isEmpty)
        let result = Cataloging.catalog(layers: read.layers)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.os?.id == "debian")

        let layerOf = Dictionary(grouping: result.packages, by: \.type).mapValues { Set($0.compactMap(\.layerDiffID)) }
        #expect(layerOf[.deb] == [diffIDs[0]])
        #expect(layerOf[.pypi] == [diffIDs[1]])
        #expect(layerOf[.npm] == [diffIDs[2]])
        #expect(layerOf[.maven] == [diffIDs[3]])
        #expect(layerOf[.golang] == [diffIDs[4]])
        #expect(Set(result.packages.map(\.type)) == [.deb, .pypi, .npm, .maven, .golang])

        let count = { (type: PackageType) in result.packages.filter { $0.type == type }.count }
        #expect(count(.deb) == 7)
        // 7 wheel/egg + Pygments + requests, less pip (whited out); requests is in two files: one package.
        #expect(count(.pypi) == 8)
        #expect(!result.packages.contains { $0.name == "pip" })
        let requests = try #require(result.packages.first { $0.type == .pypi && $0.name == "requests" })
        #expect(requests.locations == [
            "usr/lib/python3/dist-packages/requests-2.22.0.egg-info",
            "usr/local/lib/python3.8/site-packages/requests-2.22.0-py3.8.egg-info/PKG-INFO",
        ])
        // npm 6.14.6 (installed) + 11 from the v1 lock.
        #expect(count(.npm) == 12)
        #expect(count(.maven) == 4)
        let guava = try #require(result.packages.first { $0.name == "com.google.guava:guava" })
        #expect(guava.purl == "pkg:maven/com.google.guava/guava@31.1-jre")
        #expect(guava.locations == ["opt/app/lib/guava-31.1-jre.jar"])
        // The Go binary: the toolchain as `stdlib`, the main module and its dependency.
        #expect(count(.golang) == 3)
        #expect(result.packages.contains { $0.type == .golang && $0.name == "stdlib" })
    }
}
