/// A RubyGems version, ordered like `Gem::Version#<=>`.
///
/// `-` reads as `.pre.`; the text splits into runs of digits and runs of letters; trailing
/// zeros of the numeric head and of the rest are dropped; a number beats a string and
/// missing segments read as 0.
public struct RubyGemsVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    enum Segment: Hashable, Sendable {
        case number(Numeral)
        case text([UInt8])

        var isZero: Bool { if case .number(let n) = self { n.isZero } else { false } }
    }

    /// The text as given.
    public let text: String
    let segments: [Segment]

    /// Reads a version matching Gem::Version's pattern
    /// `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`.
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .rubygems)
        let b = Array(text.utf8)
        guard isDigit(b[0]) else { throw .malformed(text, .rubygems, "it does not start with a digit") }
        let dash = b.firstIndex(of: 0x2D) ?? b.count
        let release = b[..<dash].split(separator: 0x2E, omittingEmptySubsequences: false)
        guard release.allSatisfy({ !$0.isEmpty && $0.allSatisfy { isDigit($0) || isLetter($0) } }) else {
            throw .malformed(text, .rubygems, "a dot-separated segment is empty or holds a character other than a letter or digit")
        }
        // `[0-9]+` before the first dot: Gem::Version refuses "1beta" ("Malformed version number string").
        guard release[0].allSatisfy(isDigit) else {
            throw .malformed(text, .rubygems, "its first part '\(String(decoding: release[0], as: UTF8.self))' is not a number")
        }
        if dash < b.count {
            let pre = b[(dash + 1)...].split(separator: 0x2E, omittingEmptySubsequences: false)
            guard pre.allSatisfy({ !$0.isEmpty && $0.allSatisfy { isDigit($0) || isLetter($0) || $0 == 0x2D } }) else {
                throw .malformed(text, .rubygems, "the prerelease after '-' has an empty segment or an invalid character")
            }
        }
        var segments: [Segment] = []
        b.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let s = i
                if isDigit(p[i]) {
                    while i < p.count && isDigit(p[i]) { i += 1 }
                    segments.append(.number(Numeral(p, s..<i)))
                } else if isLetter(p[i]) {
                    while i < p.count && isLetter(p[i]) { i += 1 }
                    segments.append(.text(Array(p[s..<i])))
                } else {
                    if p[i] == 0x2D { segments.append(.text(Array("pre".utf8))) }
                    i += 1
                }
            }
        }
        let head = segments.firstIndex { if case .text = $0 { true } else { false } } ?? segments.count
        var numeric = Array(segments[..<head]), rest = Array(segments[head...])
        while numeric.last?.isZero == true { numeric.removeLast() }
        while rest.last?.isZero == true { rest.removeLast() }
        self.text = text
        self.segments = numeric + rest
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: RubyGemsVersion) -> Int {
        let zero = Segment.number(.zero)
        for i in 0..<max(segments.count, other.segments.count) {
            let l = i < segments.count ? segments[i] : zero
            let r = i < other.segments.count ? other.segments[i] : zero
            switch (l, r) {
            case let (.number(x), .number(y)):
                let d = Numeral.compare(x, y)
                if d != 0 { return d }
            case let (.text(x), .text(y)):
                let d = compareBytes(x[...], y[...])
                if d != 0 { return d }
            case (.number, .text): return 1
            case (.text, .number): return -1
            }
        }
        return 0
    }

    public static func < (a: RubyGemsVersion, b: RubyGemsVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: RubyGemsVersion, b: RubyGemsVersion) -> Bool { a.segments == b.segments }
    public func hash(into hasher: inout Hasher) { hasher.combine(segments) }
}
