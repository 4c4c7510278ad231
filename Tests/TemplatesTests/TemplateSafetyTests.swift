import Foundation
import Testing
@testable import Templates

/// Templates are safe by default: `{{name}}` escapes for the page's format, and `{{{name}}}` (printed as
/// it is) appears only for the names whose values are markup this module built.
@Suite struct TemplateSafetyTests {
    @Test func onlyMarkupNamesArePrintedUnescaped() throws {
        var unescaped: [String] = []
        for (path, text) in EmbeddedTemplates.files where path.hasSuffix(".mustache") {
            for name in Self.unescapedNames(in: text) where !RenderAudit.markupNames.contains(name) {
                unescaped.append("\(path): {{{\(name)}}}")
            }
        }
        #expect(unescaped.isEmpty, "\(unescaped)")
        // The scan itself finds what it should: `.` counts as the name of its section.
        #expect(Self.unescapedNames(in: "{{#trend}}<b>{{{.}}}</b>{{/trend}}{{{x}}}{{y}}") == ["trend", "x"])
    }

    @Test func customTemplatesEscapeForTheirFormat() throws {
        let templates = try TemporaryDirectory()
        let site = try TemporaryDirectory()
        defer { templates.cleanUp(); site.cleanUp() }
        // Neither template declares a content type: HTML for `.html`, Markdown for `.md`.
        try "<title>{{siteTitle}}</title>\n".write(to: templates.url.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        try "# {{siteTitle}}\n".write(to: templates.url.appendingPathComponent("README.md.mustache"), atomically: true, encoding: .utf8)
        var snapshot = try FixtureSnapshot.make()
        snapshot.title = #"<img src=x onerror="a()"> *fleet* & co"#
        try SiteRenderer(templatesDirectory: templates.url).render(snapshot, into: site.url)
        #expect(try site.read("index.html") == "<title>&lt;img src=x onerror=&quot;a()&quot;&gt; *fleet* &amp; co</title>\n")
        #expect(try site.read("README.md") == #"# \<img src=x onerror="a()"\> \*fleet\* \& co"# + "\n")
    }

    @Test func auditReportsMarkupUnderAnotherName() {
        let log = RenderAudit.Log()
        _ = RenderAudit.wrap(Markup(trusted: "<b>x</b>"), name: "name", type: "Row", log: log)
        _ = RenderAudit.wrap(Markup(trusted: "<svg/>"), name: "trend", type: "Page", log: log)
        _ = RenderAudit.wrap("raw", name: "version", type: "Row", log: log)
        _ = RenderAudit.wrap(Text("ok"), name: "version", type: "Row", log: log)
        #expect(log.violations == ["Row.name: Markup", "Row.version: String"])
    }

    /// Names printed with `{{{…}}}`; `{{{.}}}` is reported as the innermost open section's name.
    static func unescapedNames(in template: String) -> [String] {
        var names: [String] = []
        var sections: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let triple = rest.hasPrefix("{")
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { break }
            var tag = rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            if triple { tag = tag.dropFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            if triple {
                names.append(name == "." ? sections.last ?? "." : name)
            } else if name.hasPrefix("#") || name.hasPrefix("^") {
                sections.append(String(name.dropFirst()))
            } else if name.hasPrefix("/") {
                _ = sections.popLast()
            }
        }
        return names
    }
}
