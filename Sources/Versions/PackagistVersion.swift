/// A Packagist (Composer) version, ordered like PHP's `version_compare` as osv-scalibr
/// implements it.
///
/// A leading `v`/`V` is dropped, `-`, `_` and `+` read as `.`, and a `.` is inserted between
/// digits and other characters. Parts then compare numerically when both are numbers, and by
/// special form otherwise: `dev`/unknown < `a` (alpha) < `b` (beta) < `RC`/`rc` < `#` and
/// numbers < `p` (patch level); a number counts as `#` against a special form. Extra parts
/// count in favour of the longer version when they start with a number, and as special forms
/// against `#` otherwise.
///
/// Equality here is not transitive (`1.2.3.#` equals both `1.2.3` and `1.2.3.1`), so the hash
/// cannot discriminate: use `compare`, not sets or dictionaries, to group Packagist versions.
public struct PackagistVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    enum Part: Sendable {
        case number(Numeral)
        case special(UInt8)
    }

    /// The text as given.
    public let text: String
    let parts: [Part]

    /// Reads a version; only empty text, whitespace, control and non-ASCII characters throw.
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .packagist)
        var b = Array(text.utf8)
        if b.first == 0x76 { b.removeFirst() }
        if b.first == 0x56 { b.removeFirst() }
        var canonical: [UInt8] = []
        canonical.reserveCapacity(b.count + 4)
        for c in b {
            let c = (c == 0x2D || c == 0x5F || c == 0x2B) ? 0x2E : c
            if let last = canonical.last, last != 0x2E, c != 0x2E, isDigit(last) != isDigit(c) {
                canonical.append(0x2E)
            }
            canonical.append(c)
        }
        self.text = text
        parts = canonical.split(separator: 0x2E, omittingEmptySubsequences: false).map { part in
            if !part.isEmpty && part.allSatisfy(isDigit) { return .number(Numeral(digits: Array(part))) }
            return .special(Self.weight(part))
        }
    }

    static let hashWeight: UInt8 = 4

    /// dev 0, a 1, b 2, RC/rc 3, # 4, p 5; anything else 0. Matched on the part's prefix.
    static func weight(_ part: ArraySlice<UInt8>) -> UInt8 {
        func starts(_ s: String) -> Bool { part.starts(with: s.utf8) }
        if starts("RC") { return 3 }
        if starts("dev") { return 0 }
        if starts("a") { return 1 }
        if starts("b") { return 2 }
        if starts("rc") { return 3 }
        if starts("#") { return 4 }
        if starts("p") { return 5 }
        return 0
    }

    public var description: String { text }

    static func compareParts(_ a: ArraySlice<Part>, _ b: ArraySlice<Part>) -> Int {
        for (x, y) in zip(a, b) {
            let d: Int
            switch (x, y) {
            case let (.number(m), .number(n)): d = Numeral.compare(m, n)
            case let (.special(m), .special(n)): d = m == n ? 0 : (m < n ? -1 : 1)
            case let (.number, .special(n)): d = hashWeight == n ? 0 : (hashWeight < n ? -1 : 1)
            case let (.special(m), .number): d = m == hashWeight ? 0 : (m < hashWeight ? -1 : 1)
            }
            if d != 0 { return d }
        }
        let hash: ArraySlice<Part> = [.special(hashWeight)]
        if a.count > b.count {
            if case .number = a[a.startIndex + b.count] { return 1 }
            return compareParts(a.dropFirst(b.count), hash)
        }
        if a.count < b.count {
            if case .number = b[b.startIndex + a.count] { return -1 }
            return compareParts(hash, b.dropFirst(a.count))
        }
        return 0
    }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: PackagistVersion) -> Int { Self.compareParts(parts[...], other.parts[...]) }

    public static func < (a: PackagistVersion, b: PackagistVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: PackagistVersion, b: PackagistVersion) -> Bool { a.compare(to: b) == 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(0) }
}
