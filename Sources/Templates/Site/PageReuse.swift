import Foundation

/// Reuses the published site's pages whose inputs did not change, without building their views or
/// rendering them: on a night when 1 % of a fleet's images change, rendering the other pages only to
/// find their bytes equal to the published ones (`FileReuse`) was most of the publish.
///
/// Each page of an image, repository, comparison, vulnerability or package has a fingerprint of what
/// it is rendered from (`PageFingerprints`), kept per page in `manifestName` at the site's root. A page
/// whose fingerprint is the one the published site recorded, and whose files are all there, is
/// hard-linked; anything else (no fingerprint, a missing file, a filesystem without hard links) is
/// rendered as before, so the bytes are always what a fresh render gives for the same inputs.
final class PageReuse: Sendable {
    /// Bump when any page's rendering changes for the same data: the template texts are part of the
    /// fingerprint, the code that builds the views is not (a test compares a hash of the fixture
    /// fleet's pages with the one recorded for this revision).
    /// 2: image and repository pages no longer show when the repository was last analysed.
    static let revision = 2
    /// Per page (its path without extension): `stem<TAB>fingerprint` lines, sorted.
    static let manifestName = ".scout-report-pages"

    private let previousRoot: String?
    private let previous: [String: String]
    private let current = FingerprintManifest()
    private let root: String
    /// Counts the files linked.
    private let files: FileReuse

    /// Reads the manifest of the site at `previousSite` (none, or none readable: nothing is reused);
    /// links go into `root`.
    init(previousSite: URL?, root: URL, files: FileReuse) {
        self.root = root.standardizedFileURL.path
        self.files = files
        previousRoot = previousSite?.standardizedFileURL.path
        previous = previousSite.map { FingerprintManifest.read($0.appendingPathComponent(Self.manifestName)) } ?? [:]
    }

    /// Links the published files `stem` + each of `suffixes` into the new site when `fingerprint` is the
    /// one recorded for `stem`; true when every file was linked (none is left half-done otherwise).
    /// Either way the fingerprint is recorded: the caller renders the page when this is false.
    func link(stem: String, suffixes: [String], fingerprint: String?) -> Bool {
        guard let fingerprint else { return false }
        current.set(stem, fingerprint)
        guard let previousRoot, previous[stem] == fingerprint else { return false }
        var linked: [String] = []
        for suffix in suffixes {
            let target = root + "/" + stem + suffix
            guard hardLink(previousRoot + "/" + stem + suffix, target) else {
                for path in linked { unlink(path) }
                return false
            }
            linked.append(target)
        }
        for path in linked { files.countLinked(path) }
        files.countPages(reused: linked.count)
        return true
    }

    /// The manifest of the site just rendered.
    var manifestText: String { current.text }
}
