import Foundation
import Testing
@testable import Templates

@Suite struct TemplateOverrideTests {
    @Test func overrideDirectoryReplacesOnlyItsFiles() throws {
        let templates = try TemporaryDirectory()
        let site = try TemporaryDirectory()
        defer { templates.cleanUp(); site.cleanUp() }
        try FileManager.default.createDirectory(at: templates.url.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try "<!doctype html><title>{{siteTitle}}</title><p>CUSTOM {{#rows}}[{{name}}:{{tag}}]{{/rows}}</p>\n"
            .write(to: templates.url.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        try "body { color: red }\n".write(to: templates.url.appendingPathComponent("assets/style.css"), atomically: true, encoding: .utf8)
        try "extra\n".write(to: templates.url.appendingPathComponent("assets/extra.txt"), atomically: true, encoding: .utf8)

        try SiteRenderer(templatesDirectory: templates.url).render(try FixtureSnapshot.make(), into: site.url)
        #expect(try site.read("index.html") == "<!doctype html><title>Fixture fleet</title><p>CUSTOM [library/alpine:3.11]</p>\n")
        #expect(try site.read("assets/style.css") == "body { color: red }\n")
        #expect(try site.read("assets/extra.txt") == "extra\n")
        // Pages not overridden still come from the embedded templates, with the embedded partials.
        #expect(try site.read("settings.html").contains("<h2 id=\"repositories\">Repositories</h2>"))
        #expect(try site.read("assets/site.js") == EmbeddedTemplates.files["assets/site.js"])
    }

    @Test func embeddedTemplatesAreComplete() throws {
        for name in SiteRenderer.requiredTemplates {
            #expect(EmbeddedTemplates.files[name + ".mustache"] != nil, "\(name)")
        }
        #expect(EmbeddedTemplates.files["assets/style.css"] != nil && EmbeddedTemplates.files["assets/site.js"] != nil)
    }

    @Test func syntaxErrorNamesFileLineAndColumn() throws {
        let templates = try TemporaryDirectory()
        defer { templates.cleanUp() }
        try FileManager.default.createDirectory(at: templates.url.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try "<header>\n<nav>\n  {{#tabImages}}Images{{/tabSettings}}\n</nav>\n"
            .write(to: templates.url.appendingPathComponent("partials/head.mustache"), atomically: true, encoding: .utf8)
        var caught: SiteError?
        do {
            _ = try SiteRenderer(templatesDirectory: templates.url)
        } catch let error as SiteError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.reason == .templateSyntax)
        #expect(error.path == "partials/head.mustache")
        #expect(error.line == 3)
        #expect(error.column != nil && error.column! > 10)
        #expect(error.description.hasPrefix("Failed to parse template 'partials/head.mustache' at line 3, column "))
    }

    @Test func missingTemplatesDirectoryIsReported() {
        #expect {
            _ = try SiteRenderer(templatesDirectory: URL(fileURLWithPath: "/nonexistent/templates-\(UUID().uuidString)"))
        } throws: { ($0 as? SiteError)?.reason == .unreadableTemplates }
    }
}
