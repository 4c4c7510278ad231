import ScoutModel

/// What the Images tab sorts and filters an image by: how urgently it needs action, and the facets a
/// person narrows the table with (all computed here, so the page filters without a server).
struct ImageTriage: Sendable {
    /// Distinct critical vulnerabilities with a fixed version.
    let fixableCritical: Int
    /// Distinct vulnerabilities in CISA's Known Exploited Vulnerabilities catalogue.
    let knownExploited: Int
    let counts: SeverityCounts
    /// `critical`, `high`, … for each severity with at least one vulnerability.
    let severitiesPresent: [String]
    let hasFix: Bool
    /// The severities present, `kev`, `fixable` and the vulnerability ids (sorted): words the filter box
    /// matches that the row shows only as coloured boxes or not at all.
    let searchWords: String

    init(_ image: ImageReport, counts: SeverityCounts) {
        var fixable = Set<String>(), kev = Set<String>(), ids = Set<String>()
        var hasFix = false
        for finding in image.findings {
            ids.insert(finding.vulnerabilityID)
            if !finding.fixedVersions.isEmpty {
                hasFix = true
                if finding.severity == .critical { fixable.insert(finding.vulnerabilityID) }
            }
            if finding.kev != nil { kev.insert(finding.vulnerabilityID) }
        }
        fixableCritical = fixable.count
        knownExploited = kev.count
        self.counts = counts
        self.hasFix = hasFix
        severitiesPresent = Severity.allCases.filter { counts[$0] > 0 }.map(\.rawValue)
        searchWords = (severitiesPresent + (kev.isEmpty ? [] : ["kev"]) + (hasFix ? ["fixable"] : []) + ids.sorted()).joined(separator: " ")
    }

    /// Worst first: fixable critical, then known exploited, then critical, high, medium, low, unspecified.
    var urgency: [Int] {
        [fixableCritical, knownExploited] + Severity.allCases.map { counts[$0] }
    }

    /// True when `a` needs action before `b`; ties go to the name in natural order.
    static func before(_ a: ImageTriage, _ aName: String, _ b: ImageTriage, _ bName: String) -> Bool {
        let x = a.urgency, y = b.urgency
        if x != y { return x.lexicographicallyPrecedes(y, by: >) }
        return NaturalOrder.less(aName, bName)
    }
}

/// Text order with digit runs compared as numbers: `app2` before `app10`, `3.9` before `3.10`.
enum NaturalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        let x = chunks(a.lowercased()), y = chunks(b.lowercased())
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case let (.number(m, mText), .number(n, nText)): return m != n ? m < n : mText < nText
            case let (.text(s), .text(t)): return s < t
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return x.count != y.count ? x.count < y.count : a < b
    }

    private enum Chunk: Equatable {
        /// The value (saturated on overflow) and the digits, for `02` against `2`.
        case number(Int, String)
        case text(String)
    }

    private static func chunks(_ text: String) -> [Chunk] {
        var out: [Chunk] = []
        var current = ""
        var digits = false
        func flush() {
            guard !current.isEmpty else { return }
            out.append(digits ? .number(Int(current) ?? Int.max, current) : .text(current))
            current = ""
        }
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != digits { flush() }
            digits = isDigit
            current.append(character)
        }
        flush()
        return out
    }
}
