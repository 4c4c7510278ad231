/// A Python package version, ordered per PEP 440 as `packaging` orders it.
///
/// Reads `[v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]` with PEP 440's normalisation
/// (case-insensitive; `alpha`/`beta`/`c`/`pre`/`preview` spellings; `-`, `_`, `.` separators;
/// implicit numbers; `-N` as a post release), so `1.0a1` equals `1.0.0alpha1`. Text that is
/// not PEP 440 is refused, as `packaging` 22 and later refuse it (the setuptools "legacy" order
/// osv-scalibr still applies gave a verdict pip itself cannot: issue 19).
public struct PEP440Version: Comparable, Hashable, Sendable, CustomStringConvertible {
    enum LocalPart: Hashable, Sendable {
        case number(Numeral)
        case text([UInt8])
    }

    /// The text as given.
    public let text: String
    var epoch = Numeral.zero
    /// Release numbers with trailing zeros dropped.
    var release: [Numeral] = []
    /// `a`, `b` or `r` (rc) with its number.
    var pre: (kind: UInt8, number: Numeral)?
    var post: Numeral?
    var dev: Numeral?
    var local: [LocalPart]?

    /// Reads a version; text that is not PEP 440 throws (as `packaging.version.Version` raises
    /// `InvalidVersion`).
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .pep440)
        let b = text.utf8.map(lowercased)
        self.text = text
        guard parseStandard(b) else {
            throw VersionError(scheme: .pep440, version: text,
                               reason: .malformed("it is not a PEP 440 version (packaging 22 and later refuse it)"))
        }
    }

    public var description: String { text }

    @inline(__always) static func isSeparator(_ c: UInt8) -> Bool { c == 0x2D || c == 0x5F || c == 0x2E }

    /// Reads a PEP 440 version from lower-cased bytes; false when the text is not one.
    private mutating func parseStandard(_ b: [UInt8]) -> Bool {
        let n = b.count
        func at(_ i: Int) -> UInt8 { i < n ? b[i] : 0 }
        func digits(_ i: Int) -> Int { var j = i; while j < n && isDigit(b[j]) { j += 1 }; return j }
        func word(_ i: Int, _ words: [String]) -> (String, Int)? {
            for w in words where b.count - i >= w.utf8.count && b[i..<(i + w.utf8.count)].elementsEqual(w.utf8) {
                return (w, i + w.utf8.count)
            }
            return nil
        }
        /// `[-_.]?N?` after a pre/post/dev word: the number (0 when absent) and the new index.
        func number(_ i: Int) -> (Numeral, Int) {
            let k = Self.isSeparator(at(i)) ? i + 1 : i
            let e = digits(k)
            return (e > k ? Numeral(digits: Array(b[k..<e])) : .zero, e)
        }
        var i = at(0) == 0x76 ? 1 : 0
        let e = digits(i)
        if e > i && at(e) == 0x21 {  // N!
            epoch = Numeral(digits: Array(b[i..<e]))
            i = e + 1
        }
        guard isDigit(at(i)) else { return false }
        var release: [Numeral] = []
        while true {
            let end = digits(i)
            release.append(Numeral(digits: Array(b[i..<end])))
            i = end
            if at(i) == 0x2E && isDigit(at(i + 1)) { i += 1 } else { break }
        }
        while release.last?.isZero == true { release.removeLast() }
        self.release = release

        let preStart = Self.isSeparator(at(i)) ? i + 1 : i
        if let (w, k) = word(preStart, ["preview", "alpha", "beta", "pre", "rc", "a", "b", "c"]) {
            let (num, end) = number(k)
            pre = (w.hasPrefix("a") ? 0x61 : (w.hasPrefix("b") ? 0x62 : 0x72), num)
            i = end
        }
        if at(i) == 0x2D && isDigit(at(i + 1)) {
            let end = digits(i + 1)
            post = Numeral(digits: Array(b[(i + 1)..<end]))
            i = end
        } else if let (_, k) = word(Self.isSeparator(at(i)) ? i + 1 : i, ["post", "rev", "r"]) {
            (post, i) = number(k)
        }
        if let (_, k) = word(Self.isSeparator(at(i)) ? i + 1 : i, ["dev"]) {
            (dev, i) = number(k)
        }
        if at(i) == 0x2B {  // +local
            let parts = b[(i + 1)...].split(separator: 0x2E, omittingEmptySubsequences: false)
                .flatMap { $0.split(separator: 0x2D, omittingEmptySubsequences: false) }
                .flatMap { $0.split(separator: 0x5F, omittingEmptySubsequences: false) }
            guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { isDigit($0) || isLower($0) } }) else { return false }
            local = parts.map { $0.allSatisfy(isDigit) ? .number(Numeral(digits: Array($0))) : .text(Array($0)) }
            i = n
        }
        return i == n
    }
}

extension PEP440Version {
    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to w: PEP440Version) -> Int {
        var d = Numeral.compare(epoch, w.epoch)
        if d != 0 { return d }
        d = compareNumeralLists(release, w.release)
        if d != 0 { return d }
        let trickV = pre == nil && post == nil && dev != nil, trickW = w.pre == nil && w.post == nil && w.dev != nil
        if trickV != trickW { return trickV ? -1 : 1 }
        if !trickV {
            switch (pre, w.pre) {
            case (nil, nil): break
            case (nil, _): return 1
            case (_, nil): return -1
            case let (p?, q?):
                if p.kind != q.kind { return p.kind < q.kind ? -1 : 1 }
                d = Numeral.compare(p.number, q.number)
                if d != 0 { return d }
            }
        }
        d = Self.compareOptional(post, w.post, missingFirst: true)
        if d != 0 { return d }
        d = Self.compareOptional(dev, w.dev, missingFirst: false)
        if d != 0 { return d }
        switch (local, w.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?):
            for (p, q) in zip(x, y) {
                switch (p, q) {
                case let (.number(m), .number(n)): d = Numeral.compare(m, n)
                case let (.text(s), .text(t)): d = compareBytes(s[...], t[...])
                case (.number, .text): d = 1
                case (.text, .number): d = -1
                }
                if d != 0 { return d }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        }
    }

    static func compareOptional(_ a: Numeral?, _ b: Numeral?, missingFirst: Bool) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return missingFirst ? -1 : 1
        case (_, nil): return missingFirst ? 1 : -1
        case let (x?, y?): return Numeral.compare(x, y)
        }
    }

    public static func < (a: PEP440Version, b: PEP440Version) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: PEP440Version, b: PEP440Version) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(release)
        hasher.combine(pre?.kind)
        hasher.combine(pre?.number)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }
}
