/// A view model a template reads: it answers the names the template asks for. Values are
/// `Escaped` text, `Bool`, another `TemplateView`, an array of views or of `Escaped`, or nil.
protocol TemplateView {
    func child(named name: String) -> Any?
}

/// Lists a section iterates over: arrays of views or of escaped text, without copying them into
/// existentials first.
protocol SectionList {
    var isEmptyList: Bool { get }
    func forEachItem(_ body: (Any) -> Void)
}

extension Array: SectionList {
    var isEmptyList: Bool { isEmpty }
    func forEachItem(_ body: (Any) -> Void) {
        for item in self { body(item) }
    }
}
