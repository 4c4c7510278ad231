/// Text that is safe to print as it is in the page's output format: escaped for HTML (or Markdown) by
/// an `Escaper`, or markup this module built itself (numbers, SVG, libcmark's safe-mode output).
///
/// It is the only kind of text the view models hand to templates, which print it with `{{{…}}}`; any
/// other value reaching a template is a bug that `RenderAudit` and the poisoned-snapshot tests report
/// (swift-mustache prints `{{{…}}}` as it is).
struct Escaped: Sendable, Hashable {
    let text: String

    /// Markup built by this module (never text from the snapshot).
    init(trusted text: String) { self.text = text }

    var isEmpty: Bool { text.isEmpty }

    static let empty = Escaped(trusted: "")

    /// A whole number.
    init(_ number: Int) { text = String(number) }
}

/// Escapes one value for the output format of a page.
struct Escaper: Sendable {
    let isHTML: Bool
    private let function: @Sendable (String) -> String

    static let html = Escaper(isHTML: true, function: Escape.html)
    static let markdown = Escaper(isHTML: false, function: Escape.markdown)

    func callAsFunction(_ text: String) -> Escaped { Escaped(trusted: function(text)) }
    func optional(_ text: String?) -> Escaped? { text.map { Escaped(trusted: function($0)) } }
}
