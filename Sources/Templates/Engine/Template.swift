/// A parsed Mustache template: the subset the site uses (variables, sections, inverted sections,
/// partials, comments), with the spec's standalone-line rule so that Markdown tables stay whole.
///
/// Safe by default: `{{{name}}}` prints `Escaped` text as it is and escapes anything else;
/// `{{name}}` always escapes. A value can reach a page unescaped only by being `Escaped`.
struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (printed as it is when `Escaped`).
        case variable(String, raw: Bool)
        case section(String, [Node])
        case inverted(String, [Node])
        case partial(String)
    }

    let nodes: [Node]

    /// Where parsing failed: 1-based line and column, and what was wrong.
    struct ParseError: Error, Sendable {
        let line: Int
        let column: Int
        let message: String
        let lineText: String
    }

    init(_ source: String) throws(ParseError) {
        var parser = Parser(source)
        nodes = try parser.parse()
    }
}

/// Splits a template into nodes; one pass over the UTF-8 bytes.
private struct Parser {
    let bytes: [UInt8]
    var position = 0

    init(_ source: String) { bytes = Array(source.utf8) }

    enum Tag {
        case variable(String, raw: Bool)
        case open(String), inverted(String), close(String), partial(String), comment
        var isStandaloneKind: Bool {
            switch self {
            case .variable: false
            default: true
            }
        }
    }

    struct Frame {
        var name: String
        var inverted: Bool
        var nodes: [Template.Node] = []
        var start: Int
    }

    mutating func parse() throws(Template.ParseError) -> [Template.Node] {
        var stack = [Frame(name: "", inverted: false, start: 0)]
        var text: [UInt8] = []
        func flush(_ stack: inout [Frame], _ text: inout [UInt8]) {
            if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll(keepingCapacity: true) }
        }
        while position < bytes.count {
            guard isOpening(at: position) else {
                text.append(bytes[position])
                position += 1
                continue
            }
            let tagStart = position
            let (tag, end) = try readTag(at: position)
            // Standalone: only whitespace between the line start and the tag and between the tag and the line end.
            var lineStart = tagStart
            while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
            let startsLine = lineStart == 0 || bytes[lineStart - 1] == 0x0A
            var lineEnd = end
            while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 || bytes[lineEnd] == 0x0D { lineEnd += 1 }
            let endsLine = lineEnd == bytes.count || bytes[lineEnd] == 0x0A
            // The blanks before the tag are the last bytes of `text`: drop them with the line.
            if tag.isStandaloneKind, startsLine, endsLine, text.count >= tagStart - lineStart {
                text.removeLast(tagStart - lineStart)
                position = lineEnd < bytes.count ? lineEnd + 1 : lineEnd
            } else {
                position = end
            }
            switch tag {
            case .comment:
                break
            case .variable(let name, let raw):
                flush(&stack, &text)
                stack[stack.count - 1].nodes.append(.variable(name, raw: raw))
            case .partial(let name):
                flush(&stack, &text)
                stack[stack.count - 1].nodes.append(.partial(name))
            case .open(let name), .inverted(let name):
                flush(&stack, &text)
                var inverted = false
                if case .inverted = tag { inverted = true }
                stack.append(Frame(name: name, inverted: inverted, start: tagStart))
            case .close(let name):
                flush(&stack, &text)
                guard stack.count > 1, stack[stack.count - 1].name == name else {
                    throw error(at: tagStart, stack.count > 1 ? "'{{/\(name)}}' closes '{{#\(stack[stack.count - 1].name)}}'" : "'{{/\(name)}}' closes no section")
                }
                let frame = stack.removeLast()
                stack[stack.count - 1].nodes.append(frame.inverted ? .inverted(frame.name, frame.nodes) : .section(frame.name, frame.nodes))
            }
        }
        flush(&stack, &text)
        guard stack.count == 1 else {
            throw error(at: stack[stack.count - 1].start, "section '\(stack[stack.count - 1].name)' is never closed")
        }
        return stack[0].nodes
    }

    func isOpening(at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index] == 0x7B && bytes[index + 1] == 0x7B
    }

    /// Reads `{{…}}` or `{{{…}}}` at `index`; returns the tag and the index after it.
    func readTag(at index: Int) throws(Template.ParseError) -> (Tag, Int) {
        let triple = index + 2 < bytes.count && bytes[index + 2] == 0x7B
        let bodyStart = index + (triple ? 3 : 2)
        let closing: [UInt8] = triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D]
        var cursor = bodyStart
        while cursor + closing.count <= bytes.count {
            if bytes[cursor] == 0x7D, Array(bytes[cursor..<(cursor + closing.count)]) == closing { break }
            cursor += 1
        }
        guard cursor + closing.count <= bytes.count else { throw error(at: index, "tag is never closed") }
        let body = String(decoding: bytes[bodyStart..<cursor], as: UTF8.self).trimmingSpaces
        let end = cursor + closing.count
        if triple {
            guard Self.isName(body) else { throw error(at: index, "'\(body)' is not a name") }
            return (.variable(body, raw: true), end)
        }
        guard let sigil = body.first else { throw error(at: index, "empty tag") }
        let rest = String(body.dropFirst()).trimmingSpaces
        let tag: Tag
        switch sigil {
        case "!": return (.comment, end)
        case "#": tag = .open(rest)
        case "^": tag = .inverted(rest)
        case "/": tag = .close(rest)
        case ">": tag = .partial(rest)
        case "&": tag = .variable(rest, raw: true)
        case "=", "$", "<": throw error(at: index, "'{{\(sigil)' tags are not supported")
        default: tag = .variable(body, raw: false)
        }
        switch tag {
        case .open(let name), .inverted(let name), .close(let name), .variable(let name, _):
            guard Self.isName(name) else { throw error(at: index, "'\(name)' is not a name") }
        case .partial(let name):
            guard !name.isEmpty else { throw error(at: index, "partial without a name") }
        case .comment:
            break
        }
        return (tag, end)
    }

    /// Letters, digits, `_`, `-`, or `.` alone.
    static func isName(_ text: String) -> Bool {
        if text == "." { return true }
        return !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    func error(at index: Int, _ message: String) -> Template.ParseError {
        var line = 1, lineStart = 0
        for offset in 0..<min(index, bytes.count) where bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        return Template.ParseError(line: line, column: column, message: message,
                                   lineText: String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
    }
}
