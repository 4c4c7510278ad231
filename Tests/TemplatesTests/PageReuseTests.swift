import Foundation
import ScoutModel
import Testing
@testable import Templates

/// The pages of images, repositories, comparisons, vulnerabilities and packages are linked from the
/// published site without being rendered when their fingerprint did not change (`PageReuse`), and
/// rendered when anything they show did: the bytes are always a fresh render's.
@Suite struct PageReuseTests {
    /// The per-entity page files of `snapshot`: two per image, one per repository with images, comparison,
    /// vulnerability and package with a page.
    static func entityPageCount(_ snapshot: FleetSnapshot) -> Int {
        let fleet = FleetIndex(snapshot)
        return 2 * fleet.images.count + fleet.repositories.filter { !$0.images.isEmpty }.count + ComparisonPair.pairs(fleet).count
            + fleet.vulnerabilities.count + fleet.packages.filter(\.hasPage).count
    }

    @discardableResult
    static func render(_ snapshot: FleetSnapshot, into site: TemporaryDirectory, from previous: TemporaryDirectory?,
                       renderer: SiteRenderer? = nil) throws -> SiteWriteCounts {
        try (renderer ?? SiteRenderer()).render(snapshot, into: site.url, linkingUnchangedFrom: previous?.url)
    }

    /// SPDX's creation time stays the time the document was first written (`DownloadReuse`).
    static func withoutCreationTime(_ text: String) -> String {
        text.replacingOccurrences(of: #""created" *: *"[^"]*""#, with: "", options: .regularExpression)
    }

    static func expectSameFiles(_ site: TemporaryDirectory, _ fresh: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(site.files() == fresh.files(), sourceLocation: sourceLocation)
        for path in fresh.files() where Self.withoutCreationTime(try site.read(path)) != Self.withoutCreationTime(try fresh.read(path)) {
            Issue.record("\(path) differs from a fresh render", sourceLocation: sourceLocation)
        }
    }

    @Test func aNightWithoutChangesRendersOnlyTheFleetWidePages() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory(), fresh = try TemporaryDirectory()
        defer { [first, second, fresh].forEach { $0.cleanUp() } }
        let snapshot = try FixtureSnapshot.make()
        let full = try Self.render(snapshot, into: first, from: nil)
        #expect(full.pagesReused == 0)
        #expect(try first.read(PageReuse.manifestName).split(separator: "\n").count == Self.entityPageCount(snapshot) - snapshot.images.count)

        var later = snapshot
        later.generatedAt = "2026-02-01T00:00:00Z"
        let night = try Self.render(later, into: second, from: first)
        // Every page of an image, repository, comparison, vulnerability and package is linked unrendered;
        // what is rendered is the fleet-wide pages (the stamped ones among them) and nothing else: the
        // downloads are linked too (`DownloadReuse`).
        #expect(night.pagesReused == Self.entityPageCount(snapshot))
        #expect(night.pagesRendered == full.pagesRendered - night.pagesReused - snapshot.images.count * SiteDownloads.formats.count)
        #expect(night.pagesRendered > 0 && night.pagesRendered < 30)
        try Self.render(later, into: fresh, from: nil)
        try Self.expectSameFiles(second, fresh)
    }

    /// Every run analyses every repository again: its time is on Settings only, so a night when nothing
    /// else changed still reuses every image, repository and comparison page.
    @Test func aNightThatOnlyAnalysedTheRepositoriesAgainReusesTheirPages() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory(), fresh = try TemporaryDirectory()
        defer { [first, second, fresh].forEach { $0.cleanUp() } }
        let snapshot = try FixtureSnapshot.make()
        try Self.render(snapshot, into: first, from: nil)
        var later = snapshot
        later.generatedAt = "2026-02-01T00:00:00Z"
        for index in later.repositories.indices { later.repositories[index].lastAnalysed = "2026-02-01T00:00:00Z" }
        #expect(!later.repositories.isEmpty)
        let night = try Self.render(later, into: second, from: first)
        #expect(night.pagesReused == Self.entityPageCount(snapshot))
        try Self.render(later, into: fresh, from: nil)
        try Self.expectSameFiles(second, fresh)
        #expect(try second.read("settings.html").contains(Format.time("2026-02-01T00:00:00Z")))
    }

    @Test func aChangedFindingRendersEveryPageThatShowsItsImage() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory(), fresh = try TemporaryDirectory()
        defer { [first, second, fresh].forEach { $0.cleanUp() } }
        let snapshot = try FixtureSnapshot.make()
        try Self.render(snapshot, into: first, from: nil)
        var changed = snapshot
        let target = try #require(changed.images.firstIndex { !$0.findings.isEmpty })
        changed.images[target].findings[0].fixedVersions = ["99.0.0"]
        changed.images[target].findings[0].isNew = true
        let night = try Self.render(changed, into: second, from: first)
        try Self.render(changed, into: fresh, from: nil)
        try Self.expectSameFiles(second, fresh)
        // The other image's own pages are still linked; at least the changed image's two pages, its
        // repository, its comparisons and the vulnerability and package pages that list it are not.
        let fleet = FleetIndex(changed)
        #expect(night.pagesReused >= 2)
        #expect(night.pagesReused <= Self.entityPageCount(changed) - 2 - 1 - ComparisonPair.pairs(fleet).count - 1)
        let stem = try #require(fleet.images.first { $0.report.digest == changed.images[target].digest }).stem
        #expect(try second.read(stem + ".html").contains("99.0.0"))
    }

    @Test func aMissingPublishedFileOrAnEditedTemplateIsRenderedAgain() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory(), third = try TemporaryDirectory()
        let fresh = try TemporaryDirectory(), templates = try TemporaryDirectory()
        defer { [first, second, third, fresh, templates].forEach { $0.cleanUp() } }
        let snapshot = try FixtureSnapshot.make()
        try Self.render(snapshot, into: first, from: nil)
        // Someone deleted the Markdown page of the first image from the published site.
        let stem = FleetIndex(snapshot).images[0].stem
        try FileManager.default.removeItem(atPath: first.url.path + "/" + stem + ".md")
        let night = try Self.render(snapshot, into: second, from: first)
        #expect(night.pagesReused == Self.entityPageCount(snapshot) - 2)
        #expect(second.exists(stem + ".md"))
        try Self.render(snapshot, into: fresh, from: nil)
        try Self.expectSameFiles(second, fresh)

        // An edited template changes every page's fingerprint.
        try FileManager.default.createDirectory(at: templates.url.appendingPathComponent("partials"), withIntermediateDirectories: true)
        let original = try #require(EmbeddedTemplates.files["partials/finding.mustache"])
        try (original + "<!-- edited -->\n").write(to: templates.url.appendingPathComponent("partials/finding.mustache"), atomically: true, encoding: .utf8)
        let edited = try SiteRenderer(templatesDirectory: templates.url)
        let afterEdit = try Self.render(snapshot, into: third, from: second, renderer: edited)
        #expect(afterEdit.pagesReused == 0)
        #expect(try third.read(stem + ".html").contains("<!-- edited -->"))
    }

    /// A package or vulnerability page takes only the name, digest and path of the images it lists: that
    /// holds while the partials that list them read nothing else of an image's row.
    @Test func theEmbeddedImageListPartialsReadOnlyTheLink() throws {
        let snapshot = try FixtureSnapshot.make()
        let templates = try TemplateSet(overrideDirectory: nil)
        #expect(templates.imageListsShowLinksOnly)
        let boxes = SeverityBoxesCache(workers: RenderWorkers(templates, count: 1, audit: nil))
        let row = ImageRowView(0, fleet: FleetIndex(snapshot), depth: 2, format: .html, boxes: boxes)
        for partial in ["partials/image-item", "partials/image-cells"] {
            let recorder = NameRecorder(base: row)
            #expect(!templates.render(recorder, template: partial).isEmpty)
            #expect(recorder.names.subtracting(["href", "name", "shortDigest"]).isEmpty, "\(partial) reads \(recorder.names.sorted())")
            #expect(recorder.names.contains("name"))
        }
    }

    /// A field added to `ImageReport` is an input no fingerprint knows of until `PageFingerprints` covers it.
    @Test func theImageFingerprintCoversEveryFieldOfTheReport() throws {
        let image = try #require(try FixtureSnapshot.make().images.first)
        let fields = Set(Mirror(reflecting: image).children.compactMap(\.label))
        #expect(fields == PageFingerprints.coveredImageFields,
                "ImageReport's fields changed: make PageFingerprints sum the new ones up, then list them in coveredImageFields")
    }

    /// The fingerprints cannot see a change to the code that builds the views: any change to what the
    /// pages of the fixture fleet look like must come with a new `PageReuse.revision`.
    @Test func thePagesOfThisRevisionAreTheRecordedOnes() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        let snapshot = try FixtureSnapshot.make()
        try SiteRenderer().render(snapshot, into: site.url)
        let stems = Set(try site.read(PageReuse.manifestName).split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) })
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in site.files() where stems.contains(Self.stem(path)) {
            for byte in Array(path.utf8) + Array(try site.read(path).utf8) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        let recorded: [Int: String] = [1: "473e0c9f94cf0b16", 2: "14a82369d9777839"]
        #expect(recorded[PageReuse.revision] == String(hash, radix: 16),
                "the pages changed: bump PageReuse.revision and record \(String(hash, radix: 16)) for it here")
    }

    /// `images/a/b.html` → `images/a/b`.
    static func stem(_ path: String) -> String {
        for suffix in [".html", ".md"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
    }
}

/// Records the names a template asks a view for.
final class NameRecorder: TemplateView, @unchecked Sendable {
    let base: any TemplateView
    private(set) var names: Set<String> = []

    init(base: any TemplateView) { self.base = base }

    func child(named name: String) -> Any? {
        names.insert(name)
        return base.child(named: name)
    }
}
