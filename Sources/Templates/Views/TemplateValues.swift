import Mustache

/// A value from the snapshot as plain text. Templates print it with `{{name}}`, which escapes it for
/// the page's format (the `HTML` or `MARKDOWN` content type each template declares); this is the only
/// kind of text view models hand to templates, so a template is safe unless it says otherwise.
struct Text: Sendable, Hashable {
    let raw: String

    init(_ raw: String) { self.raw = raw }

    /// A whole number.
    init(_ number: Int) { raw = String(number) }

    var isEmpty: Bool { raw.isEmpty }

    static let empty = Text("")

    static func optional(_ raw: String?) -> Text? { raw.map(Text.init) }
}

/// Markup this module built itself and trusts: an SVG chart, libcmark's safe-mode HTML, or a fragment
/// swift-mustache rendered from a partial (whose values it escaped). Templates print it with
/// `{{{name}}}`; `RenderAudit` checks that only the names in `RenderAudit.markupNames` carry it.
struct Markup: Sendable, Hashable {
    let text: String

    init(trusted text: String) { self.text = text }
}

/// Whether a page is HTML or GitHub-flavoured Markdown: decides links and file names; escaping is the
/// template's content type.
struct PageFormat: Sendable, Hashable {
    let isHTML: Bool

    static let html = PageFormat(isHTML: true)
    static let markdown = PageFormat(isHTML: false)
}

extension Text: MustacheCustomRenderable, MustacheParent {
    var renderText: String { raw }
    var isNull: Bool { false }
    /// Text has no named children: stack look-ups pass over it without reflection.
    func child(named name: String) -> Any? { nil }
}

extension Markup: MustacheCustomRenderable, MustacheParent {
    var renderText: String { text }
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
}

/// The content types the templates declare on their first line (`{{%CONTENT_TYPE:HTML}}` or
/// `{{%CONTENT_TYPE:MARKDOWN}}`): `{{name}}` then escapes with `Escape.html` (a byte scan that returns
/// the string itself when nothing needs escaping) or `Escape.markdown`.
enum TemplateContentTypes {
    struct HTML: MustacheContentType {
        func escapeText(_ text: String) -> String { Escape.html(text) }
    }

    struct Markdown: MustacheContentType {
        func escapeText(_ text: String) -> String { Escape.markdown(text) }
    }

    /// Registers both before any template is parsed (the parser resolves the names). Idempotent.
    static let register: Void = {
        MustacheContentTypes.register(HTML(), named: "HTML")
        MustacheContentTypes.register(Markdown(), named: "MARKDOWN")
    }()
}
