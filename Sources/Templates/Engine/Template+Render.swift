/// Rendering: appends to one output string, looks names up through a stack of views.
extension Template {
    /// One level of the context stack: a view (names are looked up in it) or a plain value (`{{.}}`).
    enum Frame {
        case view(any TemplateView)
        case value(Any)
    }

    /// Renders with `view` at the bottom of the stack; partials come from `partials`.
    func render(_ view: any TemplateView, partials: [String: Template]) -> String {
        var output = ""
        output.reserveCapacity(4096)
        var stack: [Frame] = [.view(view)]
        Self.render(nodes, into: &output, stack: &stack, partials: partials)
        return output
    }

    static func render(_ nodes: [Node], into output: inout String, stack: inout [Frame], partials: [String: Template]) {
        for node in nodes {
            switch node {
            case .text(let text):
                output.append(text)
            case .variable(let name, let raw):
                guard let value = lookup(name, in: stack) else { continue }
                if let escaped = value as? Escaped {
                    output.append(raw ? escaped.text : Escape.html(escaped.text))
                } else {
                    // Anything not already escaped is escaped: a template cannot print a raw value.
                    output.append(Escape.html(String(describing: value)))
                }
            case .section(let name, let children):
                guard let value = lookup(name, in: stack) else { continue }
                if let flag = value as? Bool {
                    if flag { render(children, into: &output, stack: &stack, partials: partials) }
                } else if value is Escaped {
                    stack.append(.value(value))
                    render(children, into: &output, stack: &stack, partials: partials)
                    stack.removeLast()
                } else if let view = value as? any TemplateView {
                    stack.append(.view(view))
                    render(children, into: &output, stack: &stack, partials: partials)
                    stack.removeLast()
                } else if let list = value as? any SectionList {
                    list.forEachItem { item in
                        if let view = item as? any TemplateView { stack.append(.view(view)) } else { stack.append(.value(item)) }
                        render(children, into: &output, stack: &stack, partials: partials)
                        stack.removeLast()
                    }
                } else {
                    stack.append(.value(value))
                    render(children, into: &output, stack: &stack, partials: partials)
                    stack.removeLast()
                }
            case .inverted(let name, let children):
                let value = lookup(name, in: stack)
                let falsy: Bool
                if value == nil {
                    falsy = true
                } else if let flag = value as? Bool {
                    falsy = !flag
                } else if let list = value as? any SectionList {
                    falsy = list.isEmptyList
                } else {
                    falsy = false
                }
                if falsy { render(children, into: &output, stack: &stack, partials: partials) }
            case .partial(let name):
                if let partial = partials[name] { render(partial.nodes, into: &output, stack: &stack, partials: partials) }
            }
        }
    }

    /// The value of `name`: `.` is the top of the stack; other names are looked up from the top down.
    static func lookup(_ name: String, in stack: [Frame]) -> Any? {
        if name == "." {
            switch stack.last {
            case .value(let value): return value
            case .view(let view): return view
            case nil: return nil
            }
        }
        var index = stack.count - 1
        while index >= 0 {
            if case .view(let view) = stack[index], let value = view.child(named: name) {
                return value
            }
            index -= 1
        }
        return nil
    }
}
