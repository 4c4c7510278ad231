import Catalogers
import Foundation
import ScoutModel

/// One `Tests/Fixtures/rootfs/<case>/` folder: files at their in-image paths plus `expected.json`.
struct RootfsCase {
    struct Expected: Decodable {
        struct Source: Decodable {
            var assertion_level: String
        }
        struct ExpectedPackage: Decodable {
            var name: String
            var version: String
            var type: String
            var source: String?
            var source_version: String?
            var origin: String?
            var arch: String?
            var purl: String?
            var licenses: [String]?
            var git_commit: String?
            var maintainer: String?
            var checksum: String?
        }
        var source: Source
        var packages: [ExpectedPackage]
    }

    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/rootfs")

    let name: String
    let expected: Expected
    /// Every file of the case (expected.json excluded), by in-image path.
    let files: [String: [UInt8]]

    init(_ name: String) throws {
        self.name = name
        let folder = Self.root.appendingPathComponent(name)
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        var files: [String: [UInt8]] = [:]
        let base = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            guard path != "expected.json" else { continue }
            files[path] = [UInt8](try Data(contentsOf: url))
        }
        self.files = files
    }

    /// The case as one image layer holding only what a layer reader would keep.
    var layer: LayerFiles {
        LayerFiles(diffID: "sha256:" + String(repeating: "1", count: 64), files: files.filter { Cataloging.wants($0.key) })
    }

    func file(_ path: String) -> DatabaseFile {
        DatabaseFile(path: path, content: files[path] ?? [])
    }
}
