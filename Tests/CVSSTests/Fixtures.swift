import Foundation

/// Reads the reference files in `Tests/Fixtures/cvss` (see the README there).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cvss")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// The tab-separated columns of every non-empty line of a TSV fixture.
    static func rows(_ name: String) throws -> [[String]] {
        let text = String(decoding: try data(name), as: UTF8.self)
        return text.split(separator: "\n").map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
