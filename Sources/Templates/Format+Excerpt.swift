extension Format {
    /// What lists show when an advisory has neither a summary nor a description.
    static let noSummary = "No summary in the advisory"

    /// The first line of `text` cut at a word within `limit` characters, with `…` when cut; nil when
    /// `text` is empty. A word longer than the limit is cut inside it rather than left whole.
    static func excerpt(_ text: String?, limit: Int = 140) -> String? {
        guard let text = text?.trimmingSpaces, !text.isEmpty else { return nil }
        let line = (text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? text).trimmingSpaces
        guard line.count > limit else { return line }
        let head = line.prefix(limit)
        var cut = head.lastIndex(where: { $0 == " " || $0 == "\t" }).map { head[..<$0] } ?? head
        // Not just a stray word when the only space is near the start.
        if cut.count < limit / 2 { cut = head }
        while let last = cut.last, ",;:.-–(".contains(last) || last == " " { cut = cut.dropLast() }
        return String(cut) + "…"
    }

    /// The summary a list shows: the advisory's summary, else its description, cut at a word.
    static func summaryLine(summary: String?, details: String?, limit: Int = 140) -> String {
        excerpt(summary, limit: limit) ?? excerpt(details, limit: limit) ?? noSummary
    }
}
