import Foundation

/// The real package data the test images are built from (`Tests/Fixtures/base`, see its README).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/base")

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    /// An Alpine root layer: `lib/apk/db/installed`, `etc/os-release` and `etc/alpine-release` of the
    /// release folder (`alpine-3.10`), without the packages named in `dropping`.
    static func alpineLayer(_ release: String, dropping: Set<String> = []) throws -> [UInt8] {
        var installed = try bytes("\(release)/lib/apk/db/installed")
        if !dropping.isEmpty { installed = withoutPackages(installed, dropping) }
        return LayerTar([
            ("etc/alpine-release", try bytes("\(release)/etc/alpine-release")),
            ("etc/os-release", try bytes("\(release)/etc/os-release")),
            ("lib/apk/db/installed", installed),
        ]).archive
    }

    /// An apk database with the stanzas of the named packages (`P:` lines) removed.
    static func withoutPackages(_ database: [UInt8], _ names: Set<String>) -> [UInt8] {
        let text = String(decoding: database, as: UTF8.self)
        let stanzas = text.components(separatedBy: "\n\n").filter { stanza in
            let name = stanza.split(separator: "\n").first { $0.hasPrefix("P:") }.map { String($0.dropFirst(2)) }
            return name.map { !names.contains($0) } ?? true
        }
        return Array(stanzas.joined(separator: "\n\n").utf8)
    }

    /// A layer with one application file.
    static func appLayer(_ name: String) -> [UInt8] {
        LayerTar([("srv/\(name)/README", Array("\(name) application files\n".utf8))]).archive
    }
}

/// A fresh temporary directory, removed by `cleanup()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("baseimages-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanup() {
        try? FileManager.default.removeItem(at: url)
    }
}
