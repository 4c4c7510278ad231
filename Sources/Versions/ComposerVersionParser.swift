/// Composer's `VersionParser::normalize` (composer/semver 3.3, as Debian's php-composer-semver ships
/// it): `v1.0` → `1.0.0.0`, `1.0.0-ALPHA.1` → `1.0.0.0-alpha1`, `1.0.x-dev` → `1.0.9999999.9999999-dev`,
/// `dev-main` stays a branch name; nil for what Composer refuses ("Invalid version string").
/// The regular expressions are followed with their own backtracking order, by hand.
enum ComposerVersionParser {
    static func normalize(_ text: [UInt8]) -> [UInt8]? {
        var v = text
        // Strip a stability flag (`@dev`).
        for flag in ["stable", "rc", "beta", "alpha", "dev"] where endsWithCaseless(v, "@" + flag) {
            v.removeLast(flag.utf8.count + 1)
            break
        }
        if ["master", "trunk", "default"].contains(where: { v == Array($0.utf8) }) { v = Array("dev-".utf8) + v }
        if startsWithCaseless(v[...], "dev-") { return Array("dev-".utf8) + v.dropFirst(4) }
        // Strip build metadata: `^([^,\s+]++)\+[^\s]++$`.
        if let plus = v.firstIndex(of: 0x2B), plus > 0, plus < v.count - 1, !v[..<plus].contains(0x2C) {
            v = Array(v[..<plus])
        }
        let start = v.first == 0x76 || v.first == 0x56 ? 1 : 0
        if let (base, modifier) = classical(v, from: start) ?? date(v, from: start) {
            var out = base
            if let stability = modifier.stability {
                if stability.elementsEqual("stable".utf8) { return out }
                out += Array("-".utf8) + expand(stability) + modifier.number.drop { $0 == 0x2E || $0 == 0x2D }
            }
            if modifier.dev { out += Array("-dev".utf8) }
            return out
        }
        // `{(.*?)[.-]?dev$}i`: a numeric branch such as `1.0.x-dev`.
        if endsWithCaseless(v, "dev") {
            var name = v.dropLast(3)
            if name.last == 0x2E || name.last == 0x2D { name = name.dropLast() }
            return branch(Array(name))
        }
        return nil
    }

    struct Modifier {
        var stability: ArraySlice<UInt8>?
        var number: ArraySlice<UInt8> = []
        var dev = false
    }

    /// `^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?` then the modifier.
    private static func classical(_ v: [UInt8], from start: Int) -> ([UInt8], Modifier)? {
        var i = start
        while i < v.count && isDigit(v[i]) { i += 1 }
        guard i > start, i - start <= 5 else { return nil }
        var out = Array(v[start..<i])
        for _ in 0..<3 {
            if i + 1 < v.count && v[i] == 0x2E && isDigit(v[i + 1]) {
                var j = i + 1
                while j < v.count && isDigit(v[j]) { j += 1 }
                out += v[i..<j]
                i = j
            } else {
                out += Array(".0".utf8)
            }
        }
        guard let modifier = modifier(v, from: i) else { return nil }
        return (out, modifier)
    }

    /// `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)` then the modifier; non-digits become `.`.
    private static func date(_ v: [UInt8], from start: Int) -> ([UInt8], Modifier)? {
        func digits(_ i: Int, _ n: Int) -> Bool { i + n <= v.count && v[i..<(i + n)].allSatisfy(isDigit) }
        func isSeparator(_ i: Int) -> Bool { i < v.count && (v[i] == 0x2E || v[i] == 0x3A || v[i] == 0x2D) }
        guard digits(start, 4) else { return nil }
        // The tail: `(?:[.:-]?\d{1,3})?`, greedy, then the modifier.
        func tail(_ i: Int) -> (Int, Modifier)? {
            for sep in isSeparator(i) ? [1, 0] : [0] {
                for n in [3, 2, 1] where digits(i + sep, n) {
                    if let m = modifier(v, from: i + sep + n) { return (i + sep + n, m) }
                }
            }
            return modifier(v, from: i).map { (i, $0) }
        }
        // `(?:[.:-]?\d{2}){1,6}`, greedy with backtracking.
        func pairs(_ i: Int, _ count: Int) -> (Int, Modifier)? {
            if count < 6 {
                for sep in isSeparator(i) ? [1, 0] : [0] where digits(i + sep, 2) {
                    if let found = pairs(i + sep + 2, count + 1) { return found }
                }
            }
            return count >= 1 ? tail(i) : nil
        }
        guard let (end, modifier) = pairs(start + 4, 0) else { return nil }
        return (v[start..<end].map { isDigit($0) ? $0 : 0x2E }, modifier)
    }

    private static let stabilities = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"]

    /// `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?$`, case-insensitive.
    private static func modifier(_ v: [UInt8], from start: Int) -> Modifier? {
        let separated = start < v.count && (v[start] == 0x2E || v[start] == 0x5F || v[start] == 0x2D)
        for i in separated ? [start + 1, start] : [start] {
            for word in stabilities where startsWithCaseless(v[i...], word) {
                let w = i + word.utf8.count
                var j = w
                while true {
                    let k = j < v.count && (v[j] == 0x2E || v[j] == 0x2D) ? j + 1 : j
                    guard k < v.count && isDigit(v[k]) else { break }
                    j = k
                    while j < v.count && isDigit(v[j]) { j += 1 }
                }
                if let dev = devSuffix(v, from: j) { return Modifier(stability: v[i..<w], number: v[w..<j], dev: dev) }
            }
            if let dev = devSuffix(v, from: i) { return Modifier(dev: dev) }
        }
        return nil
    }

    /// `([.-]?dev)?$` from `i`: whether it holds `dev`, nil when it does not match.
    private static func devSuffix(_ v: [UInt8], from i: Int) -> Bool? {
        if i == v.count { return false }
        let rest = v[i...]
        if rest.count == 3 && startsWithCaseless(rest, "dev") { return true }
        if rest.count == 4 && (rest.first == 0x2E || rest.first == 0x2D) && startsWithCaseless(rest.dropFirst(), "dev") { return true }
        return nil
    }

    /// `normalizeBranch`: `1.0.x` → `1.0.9999999.9999999-dev`; nil for a name Composer refuses with `-dev`.
    private static func branch(_ name: [UInt8]) -> [UInt8]? {
        var i = name.first == 0x76 || name.first == 0x56 ? 1 : 0
        let start = i
        while i < name.count && isDigit(name[i]) { i += 1 }
        guard i > start else { return nil }
        var out = Array(name[start..<i])
        for _ in 0..<3 {
            guard i + 1 < name.count, name[i] == 0x2E else { out += Array(".x".utf8); continue }
            if isDigit(name[i + 1]) {
                var j = i + 1
                while j < name.count && isDigit(name[j]) { j += 1 }
                out += name[i..<j]
                i = j
            } else if [0x78, 0x58, 0x2A].contains(name[i + 1]) {
                out += Array(".x".utf8)
                i += 2
            } else {
                return nil
            }
        }
        guard i == name.count else { return nil }
        let nines = Array("9999999".utf8)
        return out.flatMap { $0 == 0x78 ? nines : [$0] } + Array("-dev".utf8)
    }

    private static func expand(_ stability: ArraySlice<UInt8>) -> [UInt8] {
        let lower = stability.map(lowercased)
        switch String(decoding: lower, as: UTF8.self) {
        case "a": return Array("alpha".utf8)
        case "b": return Array("beta".utf8)
        case "p", "pl": return Array("patch".utf8)
        case "rc": return Array("RC".utf8)
        default: return lower
        }
    }

    private static func startsWithCaseless(_ v: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        v.count >= prefix.utf8.count && zip(v, prefix.utf8).allSatisfy { lowercased($0) == $1 }
    }

    private static func endsWithCaseless(_ v: [UInt8], _ suffix: String) -> Bool {
        v.count >= suffix.utf8.count && startsWithCaseless(v[(v.count - suffix.utf8.count)...], suffix)
    }
}
