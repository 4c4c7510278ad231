/// A Debian package version `[epoch:]upstream[-revision]`, ordered as dpkg orders it.
///
/// Comparison follows dpkg's `verrevcmp`: non-digit runs compare character by character with
/// `~` before everything (even the end of the string) and letters before other characters;
/// digit runs compare numerically with no size limit. A missing revision equals `0`.
public struct DebianVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let bytes: [UInt8]
    let epoch: Numeral
    let upstream: Range<Int>
    let revision: Range<Int>

    /// Reads a Debian version; throws where dpkg finds bad syntax (an error, or only a warning in
    /// `dpkg --compare-versions`: a character outside the version's alphabet, a first character that is
    /// not a digit).
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .dpkg)
        let bytes = Array(text.utf8)
        self.text = text
        self.bytes = bytes
        var start = 0
        var epoch = Numeral.zero
        if let colon = bytes.firstIndex(of: 0x3A) {
            guard colon > 0 else { throw .malformed(text, .dpkg, "the epoch before ':' is empty") }
            guard bytes[..<colon].allSatisfy(isDigit) else {
                throw .malformed(text, .dpkg, "the epoch before ':' is not a number")
            }
            epoch = bytes.withUnsafeBufferPointer { Numeral($0, 0..<colon) }
            start = colon + 1
        }
        self.epoch = epoch
        var end = bytes.count
        if let dash = bytes.lastIndex(of: 0x2D), dash >= start {
            guard dash + 1 < bytes.count else {
                throw .malformed(text, .dpkg, "the revision after the last '-' is empty")
            }
            revision = (dash + 1)..<bytes.count
            end = dash
        } else {
            revision = bytes.count..<bytes.count
        }
        guard start < end else { throw .malformed(text, .dpkg, "the upstream version is empty") }
        // dpkg calls this "bad syntax" (and only warns in --compare-versions): not a version to compare.
        guard isDigit(bytes[start]) else { throw .malformed(text, .dpkg, "the upstream version does not start with a digit") }
        upstream = start..<end
        for i in upstream where !Self.isUpstreamByte(bytes[i]) {
            throw VersionError(scheme: .dpkg, version: text, reason: .invalidCharacter(Character(UnicodeScalar(bytes[i]))))
        }
        for i in revision where !Self.isRevisionByte(bytes[i]) {
            throw VersionError(scheme: .dpkg, version: text, reason: .invalidCharacter(Character(UnicodeScalar(bytes[i]))))
        }
    }

    static func isRevisionByte(_ c: UInt8) -> Bool {
        isDigit(c) || isLetter(c) || c == 0x2E || c == 0x2B || c == 0x7E  // . + ~
    }

    static func isUpstreamByte(_ c: UInt8) -> Bool {
        isRevisionByte(c) || c == 0x2D || c == 0x3A  // - :
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: DebianVersion) -> Int {
        let e = Numeral.compare(epoch, other.epoch)
        if e != 0 { return e }
        return bytes.withUnsafeBufferPointer { a in
            other.bytes.withUnsafeBufferPointer { b in
                let u = Self.verrevcmp(a, upstream, b, other.upstream)
                return u != 0 ? u : Self.verrevcmp(a, revision, b, other.revision)
            }
        }
    }

    public static func < (a: DebianVersion, b: DebianVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: DebianVersion, b: DebianVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        bytes.withUnsafeBufferPointer { b in
            hashDigitRunsCanonically(b, upstream, into: &hasher)
            hashDigitRunsCanonically(b, revision, into: &hasher)
        }
    }

    @inline(__always)
    static func order(_ c: UInt8) -> Int {
        if isLetter(c) { return Int(c) }
        if c == 0x7E { return -1 }
        if isDigit(c) { return 0 }
        return Int(c) + 256
    }

    /// dpkg's `verrevcmp` on two byte ranges.
    static func verrevcmp(_ a: UnsafeBufferPointer<UInt8>, _ ar: Range<Int>,
                          _ b: UnsafeBufferPointer<UInt8>, _ br: Range<Int>) -> Int {
        var i = ar.lowerBound, j = br.lowerBound
        let ae = ar.upperBound, be = br.upperBound
        while i < ae || j < be {
            while (i < ae && !isDigit(a[i])) || (j < be && !isDigit(b[j])) {
                let ac = i < ae ? order(a[i]) : 0
                let bc = j < be ? order(b[j]) : 0
                if ac != bc { return ac < bc ? -1 : 1 }
                i += 1; j += 1
            }
            let ds = i, dt = j
            while i < ae && isDigit(a[i]) { i += 1 }
            while j < be && isDigit(b[j]) { j += 1 }
            let d = compareDigitRuns(a, ds..<i, b, dt..<j)
            if d != 0 { return d }
        }
        return 0
    }
}

/// Hashes a version part as alternating non-digit runs (verbatim) and digit runs (leading
/// zeros stripped, so a missing run equals `0`): equal under `verrevcmp` means equal hashes.
func hashDigitRunsCanonically(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into hasher: inout Hasher) {
    var i = r.lowerBound
    repeat {
        while i < r.upperBound && !isDigit(b[i]) { hasher.combine(b[i]); i += 1 }
        hasher.combine(UInt8(0xFE))
        while i < r.upperBound && b[i] == 0x30 { i += 1 }
        while i < r.upperBound && isDigit(b[i]) { hasher.combine(b[i]); i += 1 }
        hasher.combine(UInt8(0xFF))
    } while i < r.upperBound
}
