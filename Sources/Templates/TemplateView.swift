import Mustache

/// A view model a template reads: it answers the names the template asks for with a `switch`
/// (swift-mustache's `MustacheParent`, so no `Mirror` is involved). Values are `Text` (escaped by the
/// template), `Markup` (printed as it is), `Bool`, another `TemplateView`, an array of those, or nil.
protocol TemplateView: MustacheParent {}
