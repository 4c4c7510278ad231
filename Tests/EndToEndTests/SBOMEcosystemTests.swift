import Foundation
import Testing

/// `scout-report sbom` lists every ecosystem's packages with their purls (issue 3's evidence, on the binary).
@Suite struct SBOMEcosystemTests {
    static let cases = ["scalibr-dpkg-bookworm", "scalibr-python-wheelegg", "syft-npm-package-json", "scalibr-java-guava", "scalibr-go-binary"]

    /// One root filesystem merged from the real rootfs fixtures.
    static func rootfs() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sbom-rootfs-\(UUID().uuidString)")
        for name in cases {
            let source = Binary.root.appendingPathComponent("Tests/Fixtures/rootfs/\(name)")
            let base = source.standardizedFileURL.path + "/"
            let walker = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = walker?.nextObject() as? URL {
                guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
                guard relative != "expected.json" else { continue }
                let destination = folder.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: url, to: destination)
            }
        }
        return folder
    }

    @Test(arguments: ["cyclonedx", "spdx"])
    func everyEcosystemIsListedWithItsPurl(format: String) throws {
        let root = try Self.rootfs()
        defer { try? FileManager.default.removeItem(at: root) }
        let db = root.appendingPathComponent("store.sqlite").path
        let list = try Binary.run(["sbom", "--format", "list", "fs://" + root.path, "--db", db])
        #expect(list.status == 0, "\(list.stderr)")
        let document = try Binary.run(["sbom", "--format", format, "fs://" + root.path, "--db", db])
        #expect(document.status == 0, "\(document.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(document.stdout.utf8)) as? [String: Any])
        let purls: [String]
        if format == "cyclonedx" {
            purls = (json["components"] as? [[String: Any]] ?? []).compactMap { $0["purl"] as? String }
        } else {
            purls = (json["packages"] as? [[String: Any]] ?? []).flatMap { package in
                (package["externalRefs"] as? [[String: Any]] ?? []).filter { $0["referenceType"] as? String == "purl" }.compactMap { $0["referenceLocator"] as? String }
            }
        }
        for prefix in ["pkg:deb/", "pkg:pypi/", "pkg:npm/", "pkg:maven/", "pkg:golang/"] {
            #expect(purls.contains { $0.hasPrefix(prefix) }, "\(format) lacks \(prefix)")
        }
        #expect(purls.contains("pkg:maven/com.google.guava/guava@31.1-jre"))
        #expect(purls.contains { $0.hasPrefix("pkg:golang/stdlib@") })
        // Every package of the list format is in the document.
        let packageLines = list.stdout.split(separator: "\n").filter { $0.contains(" ") }.count
        #expect(purls.count >= packageLines - 2, "\(purls.count) purls for \(packageLines) listed lines")
    }
}
