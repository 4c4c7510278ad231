/// An unbounded non-negative integer read from ASCII digits, compared without overflow.
///
/// Up to 18 significant digits live in `small`; longer runs keep their digits (leading zeros
/// stripped) in `big`, and any `big` value is greater than every `small` one.
struct Numeral: Hashable, Sendable, Comparable {
    static let zero = Numeral(small: 0, big: nil)

    var small: UInt64
    var big: [UInt8]?

    init(small: UInt64, big: [UInt8]?) {
        self.small = small
        self.big = big
    }

    /// Reads `bytes[range]`, which must hold only ASCII digits (an empty range reads as zero).
    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var start = range.lowerBound
        while start < range.upperBound && bytes[start] == 0x30 { start += 1 }
        if range.upperBound - start <= 18 {
            var value: UInt64 = 0
            for i in start..<range.upperBound { value = value &* 10 &+ UInt64(bytes[i] &- 0x30) }
            self.init(small: value, big: nil)
        } else {
            self.init(small: 0, big: Array(bytes[start..<range.upperBound]))
        }
    }

    /// Reads an array of ASCII digits.
    init(digits: [UInt8]) {
        self = digits.withUnsafeBufferPointer { Numeral($0, 0..<$0.count) }
    }

    var isZero: Bool { big == nil && small == 0 }

    static func < (a: Numeral, b: Numeral) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: Numeral, _ b: Numeral) -> Int {
        switch (a.big, b.big) {
        case (nil, nil): return a.small < b.small ? -1 : (a.small > b.small ? 1 : 0)
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?):
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            return compareBytes(x[...], y[...])
        }
    }
}

/// Compares two digit runs numerically: leading zeros stripped, then length, then bytes.
@inline(__always)
func compareDigitRuns(_ a: UnsafeBufferPointer<UInt8>, _ ar: Range<Int>,
                      _ b: UnsafeBufferPointer<UInt8>, _ br: Range<Int>) -> Int {
    var i = ar.lowerBound, j = br.lowerBound
    while i < ar.upperBound && a[i] == 0x30 { i += 1 }
    while j < br.upperBound && b[j] == 0x30 { j += 1 }
    let la = ar.upperBound - i, lb = br.upperBound - j
    if la != lb { return la < lb ? -1 : 1 }
    while i < ar.upperBound {
        if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
        i += 1; j += 1
    }
    return 0
}

/// Byte-wise comparison in the manner of C `strcmp`/Go `strings.Compare`.
func compareBytes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
    var i = a.startIndex, j = b.startIndex
    while i < a.endIndex && j < b.endIndex {
        if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
        i += 1; j += 1
    }
    let ra = a.endIndex - i, rb = b.endIndex - j
    return ra == rb ? 0 : (ra < rb ? -1 : 1)
}

/// Byte-wise comparison of two ranges, shorter prefix first.
func compareByteRanges(_ a: UnsafeBufferPointer<UInt8>, _ ar: Range<Int>,
                       _ b: UnsafeBufferPointer<UInt8>, _ br: Range<Int>) -> Int {
    var i = ar.lowerBound, j = br.lowerBound
    while i < ar.upperBound && j < br.upperBound {
        if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
        i += 1; j += 1
    }
    let ra = ar.upperBound - i, rb = br.upperBound - j
    return ra == rb ? 0 : (ra < rb ? -1 : 1)
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
@inline(__always) func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
@inline(__always) func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
@inline(__always) func lowercased(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

extension VersionError {
    /// Rejects empty text, non-ASCII bytes, whitespace and control characters.
    static func checkPrintableASCII(_ text: String, _ scheme: VersionScheme) throws(VersionError) {
        if text.isEmpty { throw VersionError(scheme: scheme, version: text, reason: .empty) }
        var clean = true
        for c in text.utf8 where c <= 0x20 || c >= 0x7F { clean = false; break }
        if clean { return }
        for c in text.unicodeScalars where c.value <= 0x20 || c.value >= 0x7F {
            throw VersionError(scheme: scheme, version: text, reason: .invalidCharacter(Character(c)))
        }
    }

    static func malformed(_ text: String, _ scheme: VersionScheme, _ detail: String) -> VersionError {
        VersionError(scheme: scheme, version: text, reason: .malformed(detail))
    }
}
