import Foundation
import Mustache

/// The parsed templates and the asset files of a site: the embedded set, with any files of an
/// override directory replacing or adding to it.
struct TemplateSet: Sendable {
    /// Templates by name: path relative to the templates root without `.mustache` (`index.html`, `partials/head`),
    /// rendered by swift-mustache; partials are looked up in the same library.
    let library: MustacheLibrary
    /// Files under `assets/`, written into the site as they are: relative path → text.
    let assets: [String: String]
    /// The template texts (after overrides), to parse again for another worker.
    private let sources: [String: String]
    /// A hash of every template's path and text: an edited template changes every page's fingerprint.
    let fingerprint: String
    /// True when every template that reads the run's time is the embedded one, which shows it only on
    /// the stamped pages (`PageContext.stamped`); an override may show it anywhere.
    let timeOnlyOnStampedPages: Bool
    /// True when `partials/image-item` and `partials/image-cells` are the embedded ones, which show an
    /// image as a link alone (its name, short digest and page); an override may show any of its row.
    var imageListsShowLinksOnly: Bool {
        ["partials/image-item.mustache", "partials/image-cells.mustache"].allSatisfy { sources[$0] == EmbeddedTemplates.files[$0] }
    }

    init(overrideDirectory: URL?) throws {
        var files = EmbeddedTemplates.files
        if let overrideDirectory {
            for (path, text) in try Self.readFiles(under: overrideDirectory) { files[path] = text }
        }
        let sources = files.filter { $0.key.hasSuffix(".mustache") }
        let templates = try Self.parseAll(sources)
        for name in SiteRenderer.requiredTemplates where templates[name] == nil {
            throw SiteError(reason: .missingTemplate, path: name + ".mustache", detail: "the site needs it and no templates directory provides it")
        }
        self.library = MustacheLibrary(templates: templates)
        self.assets = files.filter { $0.key.hasPrefix("assets/") && !$0.key.hasSuffix(".mustache") }
        self.sources = sources
        (fingerprint, timeOnlyOnStampedPages) = Self.summary(sources)
    }

    private init(library: MustacheLibrary, assets: [String: String], sources: [String: String]) {
        self.library = library
        self.assets = assets
        self.sources = sources
        (fingerprint, timeOnlyOnStampedPages) = Self.summary(sources)
    }

    private static func summary(_ sources: [String: String]) -> (String, Bool) {
        var sum = Fingerprint()
        for (path, text) in sources.sorted(by: { $0.key < $1.key }) {
            sum.add(path)
            sum.add(text)
        }
        let stamped = sources.allSatisfy { path, text in !text.contains("generatedAt") || EmbeddedTemplates.files[path] == text }
        return (sum.hex(), stamped)
    }

    /// The same templates parsed again: objects no other thread touches.
    func replica() -> TemplateSet {
        // They parsed once already.
        TemplateSet(library: MustacheLibrary(templates: try! Self.parseAll(sources)), assets: assets, sources: sources)
    }

    /// Every template, by name (path without `.mustache`), in path order so that the first syntax
    /// error reported is always the same one.
    private static func parseAll(_ sources: [String: String]) throws -> [String: MustacheTemplate] {
        var templates: [String: MustacheTemplate] = [:]
        for (path, text) in sources.sorted(by: { $0.key < $1.key }) {
            let name = String(path.dropLast(".mustache".count))
            templates[name] = try parse(text, path: path, markdown: name.hasSuffix(".md"))
        }
        return templates
    }

    /// Renders the template `name` (which exists: checked at load time).
    func render(_ view: any TemplateView, template name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }

    /// Parses a template whose `{{name}}` tags escape for its format: a template that does not declare
    /// its content type on its first line gets `HTML`, or `MARKDOWN` when its name ends in `.md`.
    /// Partials get theirs the same way, from their own names: swift-mustache starts every partial as
    /// HTML, whatever the page that includes it.
    private static func parse(_ text: String, path: String, markdown: Bool) throws -> MustacheTemplate {
        _ = TemplateContentTypes.register
        let declares = text.hasPrefix("{{%CONTENT_TYPE:")
        let source = declares ? text : "{{%CONTENT_TYPE:\(markdown ? "MARKDOWN" : "HTML")}}\n" + text
        do {
            return try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            throw SiteError(
                reason: .templateSyntax, path: path, line: error.context.lineNumber - (declares ? 0 : 1), column: error.context.columnNumber,
                detail: "\(error.error) near '\(error.context.line.trimmingSpaces)'")
        }
    }

    /// Regular UTF-8 files below `directory`, keyed by path relative to it.
    private static func readFiles(under directory: URL) throws -> [String: String] {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(reason: .unreadableTemplates, path: directory.path, detail: "not a directory")
        }
        var files: [String: String] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else {
            throw SiteError(reason: .unreadableTemplates, path: directory.path, detail: "cannot list the directory")
        }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: Set(keys)).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(root.path + "/") else { continue }
            let relative = String(full.dropFirst(root.path.count + 1))
            guard let data = FileManager.default.contents(atPath: full),
                  let text = String(data: data, encoding: .utf8) else {
                throw SiteError(reason: .unreadableTemplates, path: relative, detail: "not readable UTF-8 text")
            }
            files[relative] = text
        }
        return files
    }
}
