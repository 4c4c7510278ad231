/// The shared reading of SemVer-shaped versions (SemVer itself and NuGet), as osv-scalibr
/// reads them: an optional leading `v`, dot-separated numbers, then everything from the first
/// other character on is the "build" text, whose part before `+` (less one leading `-`) is
/// the prerelease. Numbers past `maxComponents` move to the end of the build text.
struct SemverLike: Sendable {
    enum Identifier: Sendable {
        case number(Numeral)
        case text([UInt8])
    }

    /// Numeric components with trailing zeros dropped (missing components read as 0).
    var components: [Numeral]
    /// Prerelease identifiers; nil when there is no prerelease.
    var prerelease: [Identifier]?

    init(_ text: String, scheme: VersionScheme, maxComponents: Int, lowercasePrerelease: Bool) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, scheme)
        var b = Array(text.utf8)
        if b.first == 0x76 { b.removeFirst() }  // v
        guard let first = b.first, isDigit(first) else {
            throw .malformed(text, scheme, "it does not start with a number")
        }
        var numbers: [Numeral] = []
        var build: [UInt8] = []
        b.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if isDigit(p[i]) {
                    let s = i
                    while i < p.count && isDigit(p[i]) { i += 1 }
                    numbers.append(Numeral(p, s..<i))
                } else if p[i] == 0x2E {
                    i += 1
                } else {
                    build = Array(p[i...])
                    break
                }
            }
        }
        if numbers.count > maxComponents {
            for n in numbers[maxComponents...] {
                build.append(0x2E)
                if let big = n.big { build += big } else { build += Array(String(n.small).utf8) }
            }
            numbers.removeLast(numbers.count - maxComponents)
        }
        while let last = numbers.last, last.isZero { numbers.removeLast() }
        components = numbers

        var pre = build.prefix { $0 != 0x2B }  // up to '+'
        if pre.first == 0x2D { pre = pre.dropFirst() }
        if pre.isEmpty {
            prerelease = nil
        } else {
            prerelease = pre.split(separator: 0x2E, omittingEmptySubsequences: false).map { part in
                if !part.isEmpty && part.allSatisfy(isDigit) { return .number(Numeral(digits: Array(part))) }
                return .text(lowercasePrerelease ? part.map(lowercased) : Array(part))
            }
        }
    }

    func compare(to other: SemverLike) -> Int {
        let c = compareNumeralLists(components, other.components)
        if c != 0 { return c }
        switch (prerelease, other.prerelease) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case let (x?, y?):
            for (p, q) in zip(x, y) {
                let d: Int
                switch (p, q) {
                case let (.number(m), .number(n)): d = Numeral.compare(m, n)
                case let (.text(s), .text(t)): d = compareBytes(s[...], t[...])
                case (.number, .text): d = -1
                case (.text, .number): d = 1
                }
                if d != 0 { return d }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(components)
        hasher.combine(prerelease?.count ?? -1)
    }
}

/// Compares number lists as if the shorter were padded with zeros.
func compareNumeralLists(_ a: [Numeral], _ b: [Numeral]) -> Int {
    for i in 0..<max(a.count, b.count) {
        let d = Numeral.compare(i < a.count ? a[i] : .zero, i < b.count ? b[i] : .zero)
        if d != 0 { return d }
    }
    return 0
}
