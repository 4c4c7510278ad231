import Testing
@testable import Templates

/// The small Mustache engine the site renders with.
@Suite struct TemplateEngineTests {
    struct View: TemplateView {
        var values: [String: Any]
        func child(named name: String) -> Any? { values[name] }
    }

    func render(_ source: String, _ values: [String: Any], partials: [String: String] = [:]) throws -> String {
        let library = try partials.mapValues { try Template($0) }
        return try Template(source).render(View(values: values), partials: library)
    }

    @Test func escapedValuesPrintAsTheyAreAndAnythingElseIsEscaped() throws {
        let values: [String: Any] = ["safe": Escaped(trusted: "<b>ok</b>"), "raw": "<script>x</script>", "number": 3]
        #expect(try render("{{{safe}}}|{{{raw}}}|{{raw}}|{{safe}}|{{{number}}}", values)
                == "<b>ok</b>|&lt;script&gt;x&lt;/script&gt;|&lt;script&gt;x&lt;/script&gt;|&lt;b&gt;ok&lt;/b&gt;|3")
    }

    @Test func sectionsIterateListsAndLookUpTheStack() throws {
        let rows: [View] = [View(values: ["name": Escaped(trusted: "a")]), View(values: ["name": Escaped(trusted: "b"), "root": Escaped(trusted: "R")])]
        let values: [String: Any] = ["rows": rows, "root": Escaped(trusted: "../"), "flag": true, "off": false, "empty": [View](),
                                     "items": [Escaped(trusted: "x"), Escaped(trusted: "y")], "maybe": Escaped(trusted: "m")]
        #expect(try render("{{#rows}}[{{{root}}}{{{name}}}]{{/rows}}", values) == "[../a][Rb]")
        #expect(try render("{{#flag}}yes{{/flag}}{{#off}}no{{/off}}{{^off}}not{{/off}}{{^empty}}none{{/empty}}{{^missing}}absent{{/missing}}", values)
                == "yesnotnoneabsent")
        #expect(try render("{{#items}}<{{{.}}}>{{/items}}{{#maybe}}({{{.}}}){{/maybe}}{{#missing}}!{{/missing}}", values) == "<x><y>(m)")
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let rows: [View] = [View(values: ["cell": Escaped(trusted: "1")]), View(values: ["cell": Escaped(trusted: "2")])]
        let source = "| a |\n|---|\n{{#rows}}\n| {{{cell}}} |\n{{/rows}}\n{{! comment }}\n  {{^rows}}\n  none\n  {{/rows}}\nend\n"
        #expect(try render(source, ["rows": rows]) == "| a |\n|---|\n| 1 |\n| 2 |\nend\n")
        #expect(try render("{{>p}}\nafter", ["x": Escaped(trusted: "X")], partials: ["p": "<{{{x}}}>\n"]) == "<X>\nafter")
        #expect(try render("a {{#t}}b{{/t}} c\n", ["t": true]) == "a b c\n", "tags inside a line are not standalone")
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(throws: Template.ParseError.self) { try Template("ok\n  {{#a}}\n{{/b}}") }
        do {
            _ = try Template("line one\n  {{#open}} never closed\n")
            Issue.record("an unclosed section parsed")
        } catch {
            #expect(error.line == 2 && error.column == 3 && error.message.contains("never closed"))
        }
        do {
            _ = try Template("x {{bad name}}")
            Issue.record("a name with a space parsed")
        } catch {
            #expect(error.line == 1 && error.column == 3)
        }
    }
}
