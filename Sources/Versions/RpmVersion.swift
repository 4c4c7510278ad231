/// An RPM package version `[epoch:]version[-release]`, ordered by `rpmvercmp`.
///
/// Each part is compared as rpm does: separators (anything but ASCII letters, digits, `~`
/// and `^`) are skipped, `~` sorts before everything including the end, `^` sorts after the
/// end but before anything else, digit runs compare numerically (no size limit) and beat
/// letter runs. Text before `:` that is not all digits is not an epoch but part of the
/// version, as osv-scalibr reads it. Non-ASCII bytes count as separators.
public struct RpmVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let bytes: [UInt8]
    /// Digits of the epoch; empty means 0.
    let epoch: Range<Int>
    let version: Range<Int>
    /// The release including its leading `-`; empty when there is none.
    let release: Range<Int>

    /// Reads an RPM version; throws on empty text, whitespace, control characters or an
    /// empty version part.
    public init(_ text: String) throws(VersionError) {
        if text.isEmpty { throw VersionError(scheme: .rpm, version: text, reason: .empty) }
        for c in text.unicodeScalars where c.value <= 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) {
            throw VersionError(scheme: .rpm, version: text, reason: .invalidCharacter(Character(c)))
        }
        let b = Array(text.utf8)
        self.text = text
        self.bytes = b
        var start = 0
        if let colon = b.firstIndex(of: 0x3A), b[..<colon].allSatisfy(isDigit) {
            epoch = 0..<colon
            start = colon + 1
        } else {
            epoch = 0..<0
        }
        if let dash = b[start...].firstIndex(of: 0x2D) {
            version = start..<dash
            release = dash..<b.count
        } else {
            version = start..<b.count
            release = b.count..<b.count
        }
        if version.isEmpty { throw .malformed(text, .rpm, "the version part is empty") }
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: RpmVersion) -> Int {
        bytes.withUnsafeBufferPointer { a in
            other.bytes.withUnsafeBufferPointer { b in
                let e = compareDigitRuns(a, epoch, b, other.epoch)
                if e != 0 { return e }
                let v = Self.rpmvercmp(a, version, b, other.version)
                if v != 0 { return v }
                if release.isEmpty != other.release.isEmpty { return release.isEmpty ? -1 : 1 }
                return Self.rpmvercmp(a, release, b, other.release)
            }
        }
    }

    public static func < (a: RpmVersion, b: RpmVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: RpmVersion, b: RpmVersion) -> Bool { a.compare(to: b) == 0 }

    /// Hashes the tokens `rpmvercmp` sees (separators dropped, digit runs without leading zeros).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBufferPointer { b in
            hasher.combine(Numeral(b, epoch))
            Self.hashTokens(b, version, into: &hasher)
            hasher.combine(release.isEmpty)
            Self.hashTokens(b, release, into: &hasher)
        }
    }

    static func isSeparator(_ c: UInt8) -> Bool { !isDigit(c) && !isLetter(c) && c != 0x7E && c != 0x5E }

    static func hashTokens(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into hasher: inout Hasher) {
        var i = r.lowerBound
        while i < r.upperBound {
            let c = b[i]
            if isSeparator(c) { i += 1; continue }
            if c == 0x7E || c == 0x5E { hasher.combine(c); i += 1; continue }
            hasher.combine(UInt8(0xFE))
            if isDigit(c) {
                while i < r.upperBound && b[i] == 0x30 { i += 1 }
                while i < r.upperBound && isDigit(b[i]) { hasher.combine(b[i]); i += 1 }
            } else {
                while i < r.upperBound && isLetter(b[i]) { hasher.combine(b[i]); i += 1 }
            }
        }
    }

    /// rpm's `rpmvercmp` on two byte ranges, including tilde and caret.
    static func rpmvercmp(_ a: UnsafeBufferPointer<UInt8>, _ ar: Range<Int>,
                          _ b: UnsafeBufferPointer<UInt8>, _ br: Range<Int>) -> Int {
        var i = ar.lowerBound, j = br.lowerBound
        let ae = ar.upperBound, be = br.upperBound
        while true {
            while i < ae && isSeparator(a[i]) { i += 1 }
            while j < be && isSeparator(b[j]) { j += 1 }
            let at = i < ae && a[i] == 0x7E, bt = j < be && b[j] == 0x7E
            if at || bt {
                if at && bt { i += 1; j += 1; continue }
                return at ? -1 : 1
            }
            let ac = i < ae && a[i] == 0x5E, bc = j < be && b[j] == 0x5E
            if ac || bc {
                if ac && bc { i += 1; j += 1; continue }
                if ac { return j == be ? 1 : -1 }
                return i == ae ? -1 : 1
            }
            if i == ae || j == be { break }
            let numeric = isDigit(a[i])
            let si = i, sj = j
            if numeric {
                while i < ae && isDigit(a[i]) { i += 1 }
                while j < be && isDigit(b[j]) { j += 1 }
            } else {
                while i < ae && isLetter(a[i]) { i += 1 }
                while j < be && isLetter(b[j]) { j += 1 }
            }
            if sj == j { return numeric ? 1 : -1 }
            let d = numeric ? compareDigitRuns(a, si..<i, b, sj..<j)
                            : compareByteRanges(a, si..<i, b, sj..<j)
            if d != 0 { return d }
        }
        let ra = ae - i, rb = be - j
        return ra == rb ? 0 : (ra < rb ? -1 : 1)
    }
}
