import Crypto
import Foundation
import Reports
import ScoutModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reuses the previous site's downloads (SARIF, CycloneDX, SPDX) of an image whose inputs did not
/// change: the file is hard-linked from the published site instead of rendered and written again. At
/// fleet scale the downloads are most of a site's bytes (2.3 of 3.3 GB for 3,000 images) and a
/// quarter of a night's work, and on most nights almost no image's findings change.
///
/// Each image's inputs are summed up in a fingerprint (SHA-256 of what the three renderers read: the
/// digest, names, source, first-seen time and every finding's stored record, with the renderers'
/// `revision` and the tool's version), kept per image in `manifestName` at the site's root. An image
/// whose fingerprint is the one the published site recorded, and whose files are all there, is
/// linked; anything else (an incomplete image, a missing file, a filesystem without hard links) is
/// rendered as before, so the bytes are always what a fresh render gives for the same inputs, except
/// SPDX's creation time, which stays the time the document was first written.
final class DownloadReuse: Sendable {
    /// Bump when any download's rendering changes for the same inputs (a test compares a hash of the
    /// example site's downloads with the one recorded for this revision).
    static let revision = 1
    /// Per image page stem, its fingerprint: `stem<TAB>fingerprint` lines, sorted.
    static let manifestName = ".scout-report-downloads"

    private let previousRoot: String?
    private let previous: [String: String]
    private let current = FingerprintManifest()
    /// The folder the new site is rendered into.
    let root: String
    /// Counts the files linked.
    private let files: FileReuse?

    /// Reads the manifest of the site at `previousSite` (none, or none readable: nothing is reused);
    /// links go into `root`.
    init(previousSite: URL?, root: URL, files: FileReuse? = nil) {
        self.root = root.standardizedFileURL.path
        self.files = files
        guard let previousSite else {
            previousRoot = nil
            previous = [:]
            return
        }
        previousRoot = previousSite.standardizedFileURL.path
        previous = FingerprintManifest.read(previousSite.appendingPathComponent(Self.manifestName))
    }

    /// What the downloads of `image` are rendered from; nil when they must always be rendered (an
    /// incomplete image, a finding JSON cannot hold).
    static func fingerprint(of image: ImageReport, formats: [DownloadFormat], toolVersion: String) -> String? {
        guard !image.sbom.isIncomplete else { return nil }
        var hash = SHA256()
        func add(_ text: String?) {
            // Length-prefixed, so that no two different inputs give the same bytes.
            var text = text ?? "\u{0}"
            text.withUTF8 { bytes in
                withUnsafeBytes(of: bytes.count.littleEndian) { hash.update(bufferPointer: $0) }
                hash.update(bufferPointer: UnsafeRawBufferPointer(bytes))
            }
        }
        add("revision \(revision)")
        add(toolVersion)
        add(formats.map(\.suffix).joined(separator: " "))
        add(image.digest)
        add(image.displayName)
        add(image.repository)
        add(image.tags.joined(separator: "\n"))
        add(image.source)
        add(image.firstSeen)
        add(String(image.sbom.packages.count))
        add(image.evaluationWarnings.map(\.message).joined(separator: "\n"))
        add(String(image.findings.count))
        for finding in image.findings {
            guard let record = FindingRecordEncoder.encode(finding) else { return nil }
            add(record)
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Links the previous site's downloads of `stem` into `root` when `fingerprint` is the one recorded
    /// for them; true when every file was linked (none is left half-done otherwise).
    func link(stem: String, fingerprint: String, formats: [DownloadFormat]) -> Bool {
        guard let previousRoot, previous[stem] == fingerprint else { return false }
        var linked: [String] = []
        for format in formats {
            let target = root + "/" + stem + format.suffix
            guard hardLink(previousRoot + "/" + stem + format.suffix, target) else {
                for path in linked { unlink(path) }
                return false
            }
            linked.append(target)
        }
        for path in linked { files?.countLinked(path) }
        return true
    }

    /// Records the fingerprint of the downloads written (or linked) for `stem`.
    func record(stem: String, fingerprint: String) { current.set(stem, fingerprint) }

    /// The manifest of the site just rendered.
    var manifestText: String { current.text }
}

/// `link(2)`: the methods of the same name hide it inside the classes.
func hardLink(_ existing: String, _ new: String) -> Bool {
    link(existing, new) == 0
}
