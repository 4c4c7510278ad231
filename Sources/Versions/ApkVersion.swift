/// An Alpine (apk) package version `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}`,
/// read and ordered like apk-tools' `version.c` (2.14 and 3.0: `token_first`/`token_next`,
/// `token_cmp`, `apk_version_compare_fuzzy` without fuzz).
///
/// A version `apk_version_validate` refuses (`1.0.a`, `0.r1`, `1.0-1`, an unknown suffix) throws:
/// apk itself would still answer for it from the tokens read before the invalid one, but that answer
/// is not an ordering of versions, so it is reported as unparsable instead of compared.
public struct ApkVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// In apk-tools' order: a version that ends earlier in this order sorts after one that goes on.
    enum Kind: Int, Sendable, Hashable, Comparable {
        case initialDigit, digit, letter, suffix, suffixNumber, commitHash, revision, end
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    struct Token: Sendable, Hashable {
        var kind: Kind
        /// The token's bytes (digits, letter, suffix name or hash).
        var value: ArraySlice<UInt8>
        var number = Numeral.zero
        /// alpha 1, beta 2, pre 3, rc 4, (none 5), cvs 6, svn 7, git 8, hg 9, p 10.
        var suffix = 0

        static func == (a: Token, b: Token) -> Bool { a.kind == b.kind && a.value == b.value }
        func hash(into hasher: inout Hasher) { hasher.combine(kind); hasher.combine(number); hasher.combine(suffix) }
    }

    static let noSuffix = 5
    static let suffixNames: [[UInt8]] = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    /// The text as given.
    public let text: String
    /// The tokens, the last one `.end`.
    let tokens: [Token]

    /// Reads an apk version; throws when apk-tools' `apk_version_validate` refuses it.
    public init(_ text: String) throws(VersionError) {
        try VersionError.checkPrintableASCII(text, .apk)
        self.text = text
        let b = Array(text.utf8)
        var tokens: [Token] = []
        var pos = 0
        func digits(_ kind: Kind) -> Token? {
            let start = pos
            while pos < b.count && isDigit(b[pos]) { pos += 1 }
            guard pos > start else { return nil }
            return Token(kind: kind, value: b[start..<pos], number: Numeral(digits: Array(b[start..<pos])))
        }
        func refuse(_ why: String) -> VersionError { .malformed(text, .apk, "apk-tools refuses it: \(why)") }
        guard let first = digits(.initialDigit) else { throw refuse("it does not start with a number") }
        tokens.append(first)
        while pos < b.count {
            let previous = tokens[tokens.count - 1].kind
            let c = b[pos]
            if isLower(c) {
                guard previous <= .digit else { throw refuse("a letter may only follow a number") }
                tokens.append(Token(kind: .letter, value: b[pos...pos]))
                pos += 1
            } else if c == 0x2E || isDigit(c) {
                if c == 0x2E {
                    guard previous <= .digit else { throw refuse("'.' may only follow a number") }
                    pos += 1
                }
                let kind: Kind
                switch previous {
                case .initialDigit, .digit: kind = .digit
                case .suffix: kind = .suffixNumber
                default: throw refuse("a number may not follow \(previous)")
                }
                guard let token = digits(kind) else { throw refuse("'.' is not followed by a number") }
                tokens.append(token)
            } else if c == 0x5F {
                guard previous <= .suffixNumber else { throw refuse("a '_' suffix may not follow \(previous)") }
                pos += 1
                let start = pos
                while pos < b.count && isLower(b[pos]) { pos += 1 }
                let name = b[start..<pos]
                guard !name.isEmpty, let index = Self.suffixNames.firstIndex(where: { $0[...] == name }), index != Self.noSuffix - 1 else {
                    throw refuse("'_\(String(decoding: name, as: UTF8.self))' is not a suffix it knows")
                }
                tokens.append(Token(kind: .suffix, value: name, suffix: index + 1))
            } else if c == 0x7E {
                guard previous < .commitHash else { throw refuse("'~' may not follow \(previous)") }
                pos += 1
                let start = pos
                while pos < b.count && (isDigit(b[pos]) || b[pos] &- 0x61 < 6) { pos += 1 }
                guard pos > start else { throw refuse("'~' is not followed by a hexadecimal hash") }
                tokens.append(Token(kind: .commitHash, value: b[start..<pos]))
            } else if c == 0x2D {
                guard previous < .revision, pos + 1 < b.count, b[pos + 1] == 0x72 else {
                    throw refuse("'-' is not a revision '-r<number>' at the end")
                }
                pos += 2
                guard let token = digits(.revision) else { throw refuse("'-r' is not followed by a number") }
                tokens.append(token)
            } else {
                throw refuse("the character '\(Character(Unicode.Scalar(c)))' has no place in a version")
            }
        }
        tokens.append(Token(kind: .end, value: []))
        self.tokens = tokens
    }

    public var description: String { text }

    /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
    public func compare(to other: ApkVersion) -> Int {
        var i = 0
        while tokens[i].kind == other.tokens[i].kind && tokens[i].kind < .end {
            let r = Self.compareTokens(tokens[i], other.tokens[i])
            if r != 0 { return r }
            i += 1
        }
        let a = tokens[i], b = other.tokens[i]
        if a.kind == b.kind { return 0 }
        // The version that goes on is greater, unless it goes on with a pre-release suffix.
        if a.kind == .suffix && a.suffix < Self.noSuffix { return -1 }
        if b.kind == .suffix && b.suffix < Self.noSuffix { return 1 }
        return a.kind > b.kind ? -1 : 1
    }

    /// `token_cmp`: numbers numerically, except a later number with a leading zero on either side, which
    /// compares as bytes (Gentoo's rule), as does a commit hash.
    static func compareTokens(_ a: Token, _ b: Token) -> Int {
        switch a.kind {
        case .digit where a.value.first == 0x30 || b.value.first == 0x30, .commitHash:
            return compareBytes(a.value, b.value)
        case .initialDigit, .digit, .suffixNumber, .revision:
            return Numeral.compare(a.number, b.number)
        case .letter:
            return a.value.first! == b.value.first! ? 0 : (a.value.first! < b.value.first! ? -1 : 1)
        case .suffix:
            return a.suffix == b.suffix ? 0 : (a.suffix < b.suffix ? -1 : 1)
        case .end:
            return 0
        }
    }

    public static func < (a: ApkVersion, b: ApkVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: ApkVersion, b: ApkVersion) -> Bool { a.compare(to: b) == 0 }

    /// Equal versions have the same token kinds with equal numbers, letters and suffixes.
    public func hash(into hasher: inout Hasher) {
        for t in tokens { hasher.combine(t) }
    }
}
