import Catalogers
import Foundation
import ScoutModel

/// Files under `Tests/Fixtures/<folder>/`, read at their in-image paths.
enum FixtureFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    /// `folder/inImagePath` as a database file at `inImagePath`.
    static func file(_ folder: String, _ inImagePath: String) throws -> DatabaseFile {
        DatabaseFile(path: inImagePath, content: try bytes(folder + "/" + inImagePath))
    }

    static func layer(_ files: [DatabaseFile], diffID: Character = "1") -> LayerFiles {
        LayerFiles(diffID: "sha256:" + String(repeating: diffID, count: 64),
                   files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.content) }))
    }

    static func json(_ relative: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(bytes(relative))) as? [String: Any] ?? [:]
    }
}
