/// PHP's `version_compare` (ext/standard/versioning.c), which Composer's `Comparator` applies to
/// normalised versions: canonicalise (`-`, `_`, `+` and other non-alphanumerics become one `.`; a `.`
/// goes between digits and letters), then compare `.`-separated parts, numbers numerically, names by
/// special form (unknown < dev < alpha = a < beta = b < RC = rc < # < pl = p, by prefix), a number as `#`.
enum PHPVersionCompare {
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 0 : (a.isEmpty ? -1 : 1) }
        let v1 = a.first == 0x23 ? a : canonicalized(a)
        let v2 = b.first == 0x23 ? b : canonicalized(b)
        var p1 = 0, p2 = 0
        var n1: Int? = 0, n2: Int? = 0
        var result = 0
        while p1 < v1.count && p2 < v2.count && n1 != nil && n2 != nil {
            n1 = v1[p1...].firstIndex(of: 0x2E)
            n2 = v2[p2...].firstIndex(of: 0x2E)
            let part1 = v1[p1..<(n1 ?? v1.count)], part2 = v2[p2..<(n2 ?? v2.count)]
            switch (part1.first.map(isDigit) ?? false, part2.first.map(isDigit) ?? false) {
            case (true, true): result = compareLong(part1, part2)
            case (false, false): result = specialFormOrder(part1, part2)
            case (true, false): result = specialFormOrder(numberForm, part2)
            case (false, true): result = specialFormOrder(part1, numberForm)
            }
            if result != 0 { break }
            if let n1 { p1 = n1 + 1 }
            if let n2 { p2 = n2 + 1 }
        }
        if result == 0 {
            if n1 != nil {
                result = p1 < v1.count && isDigit(v1[p1]) ? 1 : compare(Array(v1[p1...]), numberForm)
            } else if n2 != nil {
                result = p2 < v2.count && isDigit(v2[p2]) ? -1 : compare(numberForm, Array(v2[p2...]))
            }
        }
        return result
    }

    private static let numberForm = Array("#N#".utf8)

    private static func canonicalized(_ v: [UInt8]) -> [UInt8] {
        func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
        func isDig(_ c: UInt8) -> Bool { isDigit(c) }
        func isNonDig(_ c: UInt8) -> Bool { !isDigit(c) && c != 0x2E }
        var out: [UInt8] = [v[0]]
        out.reserveCapacity(v.count * 2)
        var lp = v[0]
        for c in v.dropFirst() {
            let lq = out[out.count - 1]
            if c == 0x2D || c == 0x5F || c == 0x2B {
                if lq != 0x2E { out.append(0x2E) }
            } else if (isNonDig(lp) && isDig(c)) || (isDig(lp) && isNonDig(c)) {
                if lq != 0x2E { out.append(0x2E) }
                out.append(c)
            } else if !isAlnum(c) {
                if lq != 0x2E { out.append(0x2E) }
            } else {
                out.append(c)
            }
            lp = c
        }
        return out
    }

    /// `strtol` of each part (saturating, as C's does), then the sign of the difference.
    private static func compareLong(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        func strtol(_ s: ArraySlice<UInt8>) -> Int64 {
            var value: Int64 = 0
            for c in s {
                guard isDigit(c) else { break }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (r, o2) = m.addingReportingOverflow(Int64(c - 0x30))
                if o1 || o2 { return Int64.max }
                value = r
            }
            return value
        }
        let l1 = strtol(a), l2 = strtol(b)
        return l1 == l2 ? 0 : (l1 < l2 ? -1 : 1)
    }

    private static let forms: [([UInt8], Int)] = [
        ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5),
    ].map { (Array($0.0.utf8), $0.1) }

    private static func specialFormOrder<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Int {
        func order(_ f: some Collection<UInt8>) -> Int {
            forms.first { f.starts(with: $0.0) }?.1 ?? -1
        }
        let o1 = order(a), o2 = order(b)
        return o1 == o2 ? 0 : (o1 < o2 ? -1 : 1)
    }
}
