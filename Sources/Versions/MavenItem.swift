/// One item of a Maven version as `ComparableVersion` reads it (maven-artifact 3.9).
indirect enum MavenItem: Hashable, Sendable {
    /// Leading zeros stripped; `width` is Maven's int/long/BigInteger class (0, 1, 2 for at most 9, at
    /// most 18, more digits), which orders numbers of different classes regardless of value.
    case number(Numeral, width: Int)
    /// A qualifier after aliasing (`ga`, `final`, `release` → empty; `cr` → `rc`; `a`, `b`, `m` before a
    /// digit → `alpha`, `beta`, `milestone`).
    case qualifier([UInt8])
    case list([MavenItem])

    var isNull: Bool {
        switch self {
        case .number(let n, _): n.isZero
        case .qualifier(let q): q.isEmpty
        case .list(let items): items.isEmpty
        }
    }

    private static let knownQualifiers: [[UInt8]] =
        ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"].map { Array($0.utf8) }
    private static let releaseRank = 5

    /// `comparableQualifier`: known qualifiers by rank, others after all of them, by bytes.
    private static func rank(_ q: [UInt8]) -> (Int, [UInt8]) {
        if let i = knownQualifiers.firstIndex(of: q) { return (i, []) }
        return (knownQualifiers.count, q)
    }

    private static func compareQualifiers(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let (ra, ta) = rank(a), (rb, tb) = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        return compareBytes(ta[...], tb[...])
    }

    /// `Item.compareTo(null)`: how this item compares with a missing one (a list: its first item that
    /// differs from a missing one, MNG-6964).
    func compareToMissing() -> Int {
        switch self {
        case .number(let n, _): return n.isZero ? 0 : 1
        case .qualifier(let q):
            let r = Self.rank(q).0
            return r == Self.releaseRank ? 0 : (r < Self.releaseRank ? -1 : 1)
        case .list(let items):
            for item in items {
                let r = item.compareToMissing()
                if r != 0 { return r }
            }
            return 0
        }
    }

    /// `Item.compareTo(item)` of each item class.
    func compare(to other: MavenItem) -> Int {
        switch (self, other) {
        case let (.number(a, wa), .number(b, wb)):
            return wa != wb ? (wa < wb ? -1 : 1) : Numeral.compare(a, b)
        case (.number, _): return 1
        case (_, .number): return -1
        case let (.qualifier(a), .qualifier(b)): return Self.compareQualifiers(a, b)
        case (.qualifier, .list): return -1
        case (.list, .qualifier): return 1
        case let (.list(a), .list(b)): return Self.compareLists(a, b)
        }
    }

    /// Item by item, a missing item compared as `compareToMissing`.
    static func compareLists(_ a: [MavenItem], _ b: [MavenItem]) -> Int {
        for i in 0..<max(a.count, b.count) {
            let r: Int
            if i >= a.count { r = -b[i].compareToMissing() }
            else if i >= b.count { r = a[i].compareToMissing() }
            else { r = a[i].compare(to: b[i]) }
            if r != 0 { return r }
        }
        return 0
    }
}
