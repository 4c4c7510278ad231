import Foundation

/// Fingerprints by page or image stem, recorded from the render workers; read from and written to a
/// site's manifest (`stem<TAB>fingerprint` lines, sorted).
final class FingerprintManifest: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    func set(_ stem: String, _ fingerprint: String) {
        lock.lock()
        values[stem] = fingerprint
        lock.unlock()
    }

    var entries: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }

    var text: String {
        entries.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
    }

    /// The entries of the manifest at `url`; none when it is missing or unreadable.
    static func read(_ url: URL) -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { entries[String(fields[0])] = String(fields[1]) }
        }
        return entries
    }
}
