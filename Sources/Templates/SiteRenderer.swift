import Dispatch
import Foundation
import ScoutModel

/// Renders a `FleetSnapshot` into a static site: `index.html` (images), one page per image,
/// `settings.html`, a Markdown summary (`README.md` and one `.md` per image) and the assets.
public struct SiteRenderer: Sendable {
    /// Templates the site renders; each must exist after overrides are applied.
    static let requiredTemplates = ["index.html", "image.html", "settings.html", "README.md", "image.md"]

    private let templates: TemplateSet

    /// Loads the embedded templates; files in `templatesDirectory` (same relative paths, e.g.
    /// `partials/head.mustache`, `assets/style.css`) replace or add to them. Throws a `SiteError`
    /// naming file, line and column when a template does not parse.
    public init(templatesDirectory: URL? = nil) throws {
        templates = try TemplateSet(overrideDirectory: templatesDirectory)
    }

    /// Writes the site into `directory`, which must exist and be empty. Image pages are rendered
    /// on all cores.
    public func render(_ snapshot: FleetSnapshot, into directory: URL) throws {
        let root = directory.standardizedFileURL
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: root.path)
        } catch {
            throw SiteError(reason: .outputNotEmpty, path: root.path, detail: "the directory does not exist or cannot be read")
        }
        guard contents.isEmpty else {
            throw SiteError(reason: .outputNotEmpty, path: root.path, detail: "the directory is not empty")
        }

        let images = snapshot.images.sorted {
            ($0.displayName, $0.digest, $0.source) < ($1.displayName, $1.digest, $1.source)
        }
        let paths = SitePaths(images: images)
        var lastAnalysed: [String: String] = [:]
        for repository in snapshot.repositories { lastAnalysed[repository.name] = repository.lastAnalysed }
        let writer = SiteWriter(root: root)

        for (path, text) in templates.assets { try writer.write(text, to: path) }

        let htmlRows = images.indices.map {
            ImageRowView(image: images[$0], lastAnalysed: images[$0].repository.flatMap { lastAnalysed[$0] },
                         pageStem: paths.pageStems[$0], escape: Escape.html)
        }
        let markdownRows = images.indices.map {
            ImageRowView(image: images[$0], lastAnalysed: images[$0].repository.flatMap { lastAnalysed[$0] },
                         pageStem: paths.pageStems[$0], escape: Escape.markdown)
        }
        try writer.write(templates.render(IndexView(snapshot: snapshot, images: htmlRows, escape: Escape.html), template: "index.html"), to: "index.html")
        try writer.write(templates.render(IndexView(snapshot: snapshot, images: markdownRows, escape: Escape.markdown), template: "README.md"), to: "README.md")
        try writer.write(templates.render(SettingsView(snapshot: snapshot, escape: Escape.html), template: "settings.html"), to: "settings.html")

        let failures = FailureBox()
        let templates = self.templates
        DispatchQueue.concurrentPerform(iterations: images.count) { position in
            let image = images[position]
            let stem = paths.pageStems[position]
            do {
                let html = ImagePageView(snapshot: snapshot, image: image, row: htmlRows[position], pageStem: stem, escape: Escape.html, html: true)
                try writer.write(templates.render(html, template: "image.html"), to: stem + ".html")
                let markdown = ImagePageView(snapshot: snapshot, image: image, row: markdownRows[position], pageStem: stem, escape: Escape.markdown, html: false)
                try writer.write(templates.render(markdown, template: "image.md"), to: stem + ".md")
            } catch {
                failures.record(error)
            }
        }
        if let failure = failures.first { throw failure }
    }
}

/// Writes files below the site root, creating folders as needed.
private struct SiteWriter: Sendable {
    let root: URL

    func write(_ text: String, to relativePath: String) throws {
        let url = root.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            throw SiteError(reason: .writeFailed, path: url.path, detail: error.localizedDescription)
        }
    }
}

/// The first error thrown by a parallel loop.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    func record(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }

    var first: Error? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }
}
