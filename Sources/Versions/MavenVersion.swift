/// A Maven version, ordered like Maven's `ComparableVersion` as osv-scalibr implements it.
///
/// The text splits into items at `.`, `-` and digit/letter transitions (a transition counts
/// as `-`); `cr` reads as `rc`, `ga`/`final`/`release` as the empty qualifier, `a`/`b`/`m`
/// directly followed by a digit as `alpha`/`beta`/`milestone`; trailing null items (`0`, ``)
/// of each hyphen-separated list are dropped. Qualifiers order
/// alpha < beta < milestone < rc < snapshot < "" < sp < others (alphabetically), and
/// `.qualifier` < `-qualifier` < `-number` < `.number`. Case-insensitive.
public struct MavenVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    struct Item: Hashable, Sendable {
        /// `.`, `-`, or 0 for the first item.
        var prefix: UInt8
        var value: [UInt8]
        var isNull = false

        var number: Numeral? {
            value.isEmpty || !value.allSatisfy(isDigit) ? nil : Numeral(digits: value)
        }

        static func == (a: Item, b: Item) -> Bool { a.prefix == b.prefix && a.value == b.value }
        func hash(into hasher: inout Hasher) { hasher.combine(prefix); hasher.combine(value) }
    }

    /// The text as given.
    public let text: String
    let items: [Item]

    /// Reads a Maven version; throws on empty text, whitespace, control or non-ASCII characters.
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .maven)
        self.text = text
        var items: [Item] = []
        var prefix: UInt8 = 0
        let bytes = Array(text.utf8)
        for raw in bytes.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0x2E || $0 == 0x2D }) {
            let rawPrefix = prefix
            prefix = raw.endIndex < bytes.count ? bytes[raw.endIndex] : 0
            var pieceStart = raw.startIndex
            var k = raw.startIndex
            repeat {
                k += 1
                let atEnd = k >= raw.endIndex
                if !atEnd && isDigit(raw[k - 1]) == isDigit(raw[k]) { continue }
                var value = raw[pieceStart..<min(k, raw.endIndex)].map(lowercased)
                if value.isEmpty { value = [0x30] }
                switch String(decoding: value, as: UTF8.self) {
                case "cr": value = Array("rc".utf8)
                case "ga", "final", "release": value = []
                case "a" where !atEnd: value = Array("alpha".utf8)
                case "b" where !atEnd: value = Array("beta".utf8)
                case "m" where !atEnd: value = Array("milestone".utf8)
                default: break
                }
                if !value.isEmpty && value.allSatisfy(isDigit) {
                    let zeros = value.prefix { $0 == 0x30 }.count
                    value.removeFirst(min(zeros, value.count - 1))
                }
                items.append(Item(prefix: pieceStart == raw.startIndex ? rawPrefix : 0x2D, value: value))
                pieceStart = k
            } while k < raw.endIndex
        }
        var i = items.count - 1
        while i > 0 {
            let v = items[i].value
            if v == [0x30] || v.isEmpty {
                items.remove(at: i)
                i -= 1
                continue
            }
            while i >= 0 && items[i].prefix != 0x2D { i -= 1 }
            i -= 1
        }
        self.items = items
    }

    public var description: String { text }

    /// Whether a `.`-separated qualifier that sorts after a release (`sp` or one Maven does not know) is
    /// present. Maven orders such an item below any `-` list and above a missing item, while a `-` list
    /// of a pre-release sorts below a missing item, so its ordering has cycles across these versions
    /// ("1.sp" < "1-alpha" < "1" < "1.sp"), as `ComparableVersion` itself does.
    public var hasDotQualifierAfterRelease: Bool {
        items.dropFirst().contains { item in
            item.prefix == 0x2E && item.number == nil && Self.keywordRank(item.value) > Self.keywordRank([])
        }
    }

    static let keywords: [[UInt8]] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"].map { Array($0.utf8) }

    static func keywordRank(_ v: [UInt8]) -> Int { keywords.firstIndex(of: v) ?? keywords.count }

    /// The padding a shorter version gets opposite `other`: `0` against a number, the release qualifier
    /// (empty) against a qualifier, as Maven compares a missing item. (Padding with `0` against every
    /// qualifier compared it byte-wise with unknown ones, which broke transitivity: "0.J.0" > "0.0.0-0"
    /// > "0.0./0%" > "0.J.0".)
    static func nullItem(like other: Item) -> Item {
        if other.prefix == 0x2D { return Item(prefix: 0x2D, value: [], isNull: true) }
        return Item(prefix: 0x2E, value: other.number == nil ? [] : [0x30], isNull: true)
    }

    static func itemLess(_ v: Item, _ w: Item) -> Bool {
        let vn = v.number, wn = w.number
        if v.prefix == w.prefix {
            if let vn, let wn { return vn < wn }
            if vn != nil && !v.isNull { return false }
            if wn != nil && !w.isNull { return true }
            let l = keywordRank(v.value), r = keywordRank(w.value)
            if l == keywords.count && r == keywords.count { return compareBytes(v.value[...], w.value[...]) < 0 }
            return l < r
        }
        func order(_ t: Item, _ n: Numeral?) -> Int {
            n != nil ? (t.prefix == 0x2D ? 2 : 3) : (t.prefix == 0x2D ? 1 : 0)
        }
        return order(v, vn) < order(w, wn)
    }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: MavenVersion) -> Int {
        if items == other.items { return 0 }
        for i in 0..<max(items.count, other.items.count) {
            let l = i < items.count ? items[i] : Self.nullItem(like: other.items[i])
            let r = i < other.items.count ? other.items[i] : Self.nullItem(like: items[i])
            if l == r { continue }
            return Self.itemLess(l, r) ? -1 : 1
        }
        return 1
    }

    public static func < (a: MavenVersion, b: MavenVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: MavenVersion, b: MavenVersion) -> Bool { a.items == b.items }
    public func hash(into hasher: inout Hasher) { hasher.combine(items) }
}
