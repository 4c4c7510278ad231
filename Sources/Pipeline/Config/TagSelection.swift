/// Which tags of a registry repository to analyse: include and exclude globs, then the newest N.
public struct TagSelection: Sendable, Hashable {
    /// Globs (`*`, `?`, `{a,b}`); empty means every tag.
    public var include: [String]
    /// Globs; a tag matching any is skipped.
    public var exclude: [String]
    /// Keep only the N tags whose images were created last (config `created`), when set.
    public var newest: Int?

    public init(include: [String] = [], exclude: [String] = [], newest: Int? = nil) {
        self.include = include
        self.exclude = exclude
        self.newest = newest
    }

    /// How the settings page shows it: `include 1.*, 2.*; exclude *-rc; newest 3`, or `every tag`.
    public var summary: String {
        var parts: [String] = []
        if !include.isEmpty { parts.append("include " + include.joined(separator: ", ")) }
        if !exclude.isEmpty { parts.append("exclude " + exclude.joined(separator: ", ")) }
        if let newest { parts.append("newest \(newest)") }
        return parts.isEmpty ? "every tag" : parts.joined(separator: "; ")
    }

    /// The tags the include and exclude patterns let through, in the given order.
    public func filter(_ tags: [String]) -> [String] {
        tags.filter { tag in
            (include.isEmpty || include.contains { Self.glob($0, matches: tag) })
                && !exclude.contains { Self.glob($0, matches: tag) }
        }
    }

    /// Shell-style matching of a whole tag: `*` any run, `?` one character, `{a,b}` alternatives.
    public static func glob(_ pattern: String, matches text: String) -> Bool {
        for expanded in expandBraces(pattern) where match(Array(expanded), 0, Array(text), 0) { return true }
        return false
    }

    private static func expandBraces(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return [pattern] }
        let head = pattern[..<open], tail = String(pattern[pattern.index(after: close)...])
        return pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .flatMap { option in expandBraces(String(head) + option + tail) }
    }

    private static func match(_ pattern: [Character], _ p: Int, _ text: [Character], _ t: Int) -> Bool {
        var p = p, t = t
        var star: (p: Int, t: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.p + 1
                t = last.t + 1
                star = (last.p, last.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
