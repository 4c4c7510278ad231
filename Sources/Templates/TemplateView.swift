import Mustache

/// A view model a template reads: it answers the names the template asks for with a `switch`
/// (swift-mustache's `MustacheParent`, so no `Mirror` is involved). Values are `Escaped` text, `Bool`,
/// another `TemplateView`, an array of views or of `Escaped`, or nil.
protocol TemplateView: MustacheParent {}

/// `Escaped` text prints as it is with `{{{…}}}`; `{{…}}` would escape it again (safe, but visible).
extension Escaped: MustacheCustomRenderable, MustacheParent {
    var renderText: String { text }
    var isNull: Bool { false }
    /// Escaped text has no named children: stack look-ups pass over it without reflection.
    func child(named name: String) -> Any? { nil }
}
