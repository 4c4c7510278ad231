/// An Alpine (apk) package version `number{.number}{letter}{_suffix{number}}{~hash}{-r#}`.
///
/// The ordering is the one osv-scalibr applies to the Alpine, Wolfi and Chainguard ecosystems
/// (its `alpine-versions.txt` vectors): numeric components (a component after the first that
/// starts with `0` compares as a string), then the letter, then suffixes
/// (`_alpha _beta _pre _rc` < none < `_cvs _svn _git _hg _p`), then `-rN`, then a valid
/// version sorts after one with unparsed trailing text. Two versions that both have unparsed
/// trailing text compare as plain strings, as `apk version -t` falls back to doing.
public struct ApkVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let bytes: [UInt8]
    /// Ranges of the dot-separated number components.
    let components: [Range<Int>]
    /// The lower-case letter after the numbers, or 0.
    let letter: UInt8
    let suffixes: [Suffix]
    /// The digits after `-r` (empty reads as 0).
    let build: Range<Int>
    /// Whether text was left over after the build component.
    let hasRemainder: Bool
    /// Whether the text after the suffixes is neither empty nor a `-r` build component.
    let invalid: Bool

    struct Suffix: Sendable {
        /// alpha 0, beta 1, pre 2, rc 3, (none) 4, cvs 5, svn 6, git 7, hg 8, p 9.
        var weight: UInt8
        var number: Range<Int>
    }

    static let noSuffixWeight: UInt8 = 4
    static let suffixNames: [[UInt8]] = ["alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"]
        .map { Array($0.utf8) }
    static let suffixWeights: [UInt8] = [0, 1, 2, 3, 5, 6, 7, 8, 9]

    /// Reads an apk version. Only empty text, whitespace, control and non-ASCII characters are
    /// refused: apk itself compares any other text.
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .apk)
        let b = Array(text.utf8)
        self.text = text
        self.bytes = b
        let n = b.count
        var pos = 0
        var components: [Range<Int>] = []
        while pos < n && isDigit(b[pos]) {
            let start = pos
            while pos < n && isDigit(b[pos]) { pos += 1 }
            components.append(start..<pos)
            if pos < n && b[pos] == 0x2E { pos += 1 } else { break }
        }
        self.components = components
        if pos < n && isLower(b[pos]) { letter = b[pos]; pos += 1 } else { letter = 0 }

        // Suffixes are collected anywhere in the rest; only a run of them right here is consumed.
        var suffixes: [Suffix] = []
        var k = pos
        while k < n {
            guard b[k] == 0x5F, let (weight, end) = Self.matchSuffix(b, k + 1) else { k += 1; continue }
            var d = end
            while d < n && isDigit(b[d]) { d += 1 }
            suffixes.append(Suffix(weight: weight, number: end..<d))
            if k == pos { pos = d }
            k = d
        }
        self.suffixes = suffixes

        if pos < n && b[pos] == 0x7E {  // ~hash of lower-case hex digits
            var h = pos + 1
            while h < n && (isDigit(b[h]) || b[h] &- 0x61 < 6) { h += 1 }
            if h > pos + 1 { pos = h }
        }
        if pos < n && b[pos] == 0x2D && pos + 1 < n && b[pos + 1] == 0x72 {  // -r
            var d = pos + 2
            while d < n && isDigit(b[d]) { d += 1 }
            build = (pos + 2)..<d
            pos = d
            invalid = false
        } else {
            build = 0..<0
            invalid = pos < n
        }
        hasRemainder = pos < n
    }

    static func matchSuffix(_ b: [UInt8], _ at: Int) -> (UInt8, Int)? {
        for (index, name) in suffixNames.enumerated() {
            let end = at + name.count
            if end <= b.count && b[at..<end].elementsEqual(name) { return (suffixWeights[index], end) }
        }
        return nil
    }

    public var description: String { text }

    /// Whether text was left over after the parts apk understands; two such versions compare
    /// as plain strings, so the ordering is not transitive across them.
    public var hasUnparsedText: Bool { hasRemainder }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: ApkVersion) -> Int {
        if invalid && other.invalid { return compareBytes(bytes[...], other.bytes[...]) }
        return bytes.withUnsafeBufferPointer { a in
            other.bytes.withUnsafeBufferPointer { b in compareParts(a, other, b) }
        }
    }

    private func compareParts(_ a: UnsafeBufferPointer<UInt8>, _ w: ApkVersion,
                              _ b: UnsafeBufferPointer<UInt8>) -> Int {
        for i in 0..<max(components.count, w.components.count) {
            let d: Int
            if i < components.count && i < w.components.count {
                let x = components[i], y = w.components[i]
                if i != 0 && (a[x.lowerBound] == 0x30 || b[y.lowerBound] == 0x30) {
                    d = compareBytes(bytes[x], w.bytes[y])
                } else {
                    d = compareDigitRuns(a, x, b, y)
                }
            } else if i < components.count {
                // A missing component is 0, except against one that reads as a string (a leading 0),
                // which it precedes: counting "0" as both 0 and a string made "0.0.0" = "0" = "0.00.0.0"
                // while "0.0.0" < "0.00.0.0".
                d = i != 0 && a[components[i].lowerBound] == 0x30 ? 1 : compareDigitRuns(a, components[i], b, 0..<0)
            } else {
                d = i != 0 && b[w.components[i].lowerBound] == 0x30 ? -1 : compareDigitRuns(a, 0..<0, b, w.components[i])
            }
            if d != 0 { return d }
        }
        if letter != w.letter { return letter < w.letter ? -1 : 1 }
        for i in 0..<max(suffixes.count, w.suffixes.count) {
            let x = i < suffixes.count ? suffixes[i] : Suffix(weight: Self.noSuffixWeight, number: 0..<0)
            let y = i < w.suffixes.count ? w.suffixes[i] : Suffix(weight: Self.noSuffixWeight, number: 0..<0)
            if x.weight != y.weight { return x.weight < y.weight ? -1 : 1 }
            let d = compareDigitRuns(a, x.number, b, y.number)
            if d != 0 { return d }
        }
        let d = compareDigitRuns(a, build, b, w.build)
        if d != 0 { return d }
        if hasRemainder != w.hasRemainder { return hasRemainder ? -1 : 1 }
        return 0
    }

    public static func < (a: ApkVersion, b: ApkVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: ApkVersion, b: ApkVersion) -> Bool { a.compare(to: b) == 0 }

    /// Hashes the numeric values of the components (trailing zeros dropped) and the letter:
    /// every pair that compares equal agrees on both.
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBufferPointer { b in
            var count = components.count
            while count > 0 && compareDigitRuns(b, components[count - 1], b, 0..<0) == 0 { count -= 1 }
            for r in components[..<count] { hasher.combine(Numeral(b, r)) }
        }
        hasher.combine(letter)
    }
}
