extension MavenItem {
    /// `ComparableVersion.parseVersion` (maven-artifact 3.9) over lower-cased bytes. Each new sub-list is
    /// the last item of the list it opens in and that list gets no more items, so the nesting is a chain:
    /// `levels[k]` holds list k's own items, and list k + 1 is appended to it when the chain is folded.
    static func parse(_ v: [UInt8]) -> [MavenItem] {
        var levels: [[MavenItem]] = [[]]
        func open() { levels.append([]) }
        func append(_ item: MavenItem) { levels[levels.count - 1].append(item) }
        var isDigitRun = false, start = 0
        for i in v.indices {
            let c = v[i]
            if c == 0x2E || c == 0x2D {
                append(i == start ? .number(.zero, width: 0) : item(v[start..<i], digits: isDigitRun))
                start = i + 1
                if c == 0x2D { open() }
            } else if isDigit(c) {
                if !isDigitRun && i > start {
                    // 1.0.0.X1 < 1.0.0-X2: a qualifier after `.` reads as after `-` (MNG-7644).
                    if !levels[levels.count - 1].isEmpty { open() }
                    append(.qualifier(qualifier(Array(v[start..<i]), followedByDigit: true)))
                    start = i
                    open()
                }
                isDigitRun = true
            } else {
                if isDigitRun && i > start {
                    append(item(v[start..<i], digits: true))
                    start = i
                    open()
                }
                isDigitRun = false
            }
        }
        if v.count > start {
            if !isDigitRun && !levels[levels.count - 1].isEmpty { open() }
            append(item(v[start...], digits: isDigitRun))
        }
        var folded = normalized(levels.removeLast())
        while var level = levels.popLast() {
            level.append(.list(folded))
            folded = normalized(level)
        }
        return folded
    }

    /// `parseItem`: a number or a qualifier.
    private static func item(_ buf: ArraySlice<UInt8>, digits: Bool) -> MavenItem {
        digits ? numeral(buf) : .qualifier(qualifier(Array(buf), followedByDigit: false))
    }

    /// A number with Maven's width class, read from the text with leading zeros stripped (a run of only
    /// zeros keeps its length, as `stripLeadingZeroes` does).
    private static func numeral(_ digits: ArraySlice<UInt8>) -> MavenItem {
        let significant = digits.drop { $0 == 0x30 }
        let length = significant.isEmpty ? digits.count : significant.count
        return .number(Numeral(digits: Array(digits)), width: length <= 9 ? 0 : (length <= 18 ? 1 : 2))
    }

    private static let aliases: [[UInt8]: [UInt8]] = [
        Array("ga".utf8): [], Array("final".utf8): [], Array("release".utf8): [], Array("cr".utf8): Array("rc".utf8),
    ]

    private static func qualifier(_ q: [UInt8], followedByDigit: Bool) -> [UInt8] {
        if followedByDigit && q.count == 1 {
            switch q[0] {
            case 0x61: return Array("alpha".utf8)
            case 0x62: return Array("beta".utf8)
            case 0x6D: return Array("milestone".utf8)
            default: break
            }
        }
        return aliases[q] ?? q
    }

    /// `ListItem.normalize`: drops null items (`0`, the empty qualifier, empty lists) from the end,
    /// looking past sub-lists, up to the first other item.
    private static func normalized(_ list: [MavenItem]) -> [MavenItem] {
        var list = list
        var i = list.count - 1
        while i >= 0 {
            if list[i].isNull {
                list.remove(at: i)
            } else if case .list = list[i] {
            } else {
                break
            }
            i -= 1
        }
        return list
    }
}
