import ScoutModel
import Versions

/// Decides whether a version lies in an OSV affected entry, following the OSV schema's evaluation.
struct RangeEvaluator {
    let scheme: VersionScheme

    /// True when `version` is affected; throws when a version cannot be read in this scheme and no
    /// readable range affects it (as `PreparedRanges.isAffected`: never a silent "not affected").
    func isAffected(_ version: String, by affected: AffectedPackage) throws(VersionError) -> Bool {
        if affected.versions.contains(version) { return true }
        var unreadable: VersionError?
        for range in affected.ranges where range.type != .git {
            do {
                if try isAffected(version, in: range) { return true }
            } catch {
                unreadable = unreadable ?? error
            }
        }
        if let unreadable { throw unreadable }
        return false
    }

    /// OSV: sort the events, then walk them; introduced turns on, fixed and limit turn off at or above
    /// their version, last_affected turns off strictly above it.
    func isAffected(_ version: String, in range: AffectedRange) throws(VersionError) -> Bool {
        var events = range.events
        // Insertion sort with the scheme's order; "0" (introduced at the beginning) sorts first.
        for i in 1..<max(events.count, 1) {
            var j = i
            while j > 0, try precedes(events[j], events[j - 1]) {
                events.swapAt(j, j - 1)
                j -= 1
            }
        }
        var affected = false
        for event in events {
            switch event {
            case .introduced(let introduced):
                if introduced == "0" { affected = true } else if try compare(version, introduced) >= 0 { affected = true }
            case .fixed(let fixed):
                if try compare(version, fixed) >= 0 { affected = false }
            case .lastAffected(let last):
                if try compare(version, last) > 0 { affected = false }
            case .limit(let limit):
                if try compare(version, limit) >= 0 { affected = false }
            }
        }
        return affected
    }

    private func precedes(_ a: RangeEvent, _ b: RangeEvent) throws(VersionError) -> Bool {
        if case .introduced("0") = a { return !isZero(b) }
        if isZero(b) { return false }
        return try compare(a.version, b.version) < 0
    }

    private func isZero(_ event: RangeEvent) -> Bool {
        if case .introduced("0") = event { return true }
        return false
    }

    private func compare(_ a: String, _ b: String) throws(VersionError) -> Int {
        if a == b { return 0 }
        return try scheme.compare(a, b)
    }

    /// A human range: `<1.1.1g-r0`, `>=24.0.0, <26.1.4`, ranges joined with ` || `.
    static func describe(_ affected: AffectedPackage) -> String {
        var parts: [String] = []
        for range in affected.ranges where range.type != .git {
            var current: [String] = []
            for event in range.events {
                switch event {
                case .introduced(let v): if v != "0" { current.append(">=\(v)") }
                case .fixed(let v): current.append("<\(v)")
                case .lastAffected(let v): current.append("<=\(v)")
                case .limit(let v): current.append("<\(v)")
                }
            }
            parts.append(current.isEmpty ? "*" : current.joined(separator: ", "))
        }
        if !affected.versions.isEmpty && parts.isEmpty { parts.append(affected.versions.joined(separator: ", ")) }
        return parts.joined(separator: " || ")
    }

    /// Fixed versions named by the entry's ranges (GIT ranges name commits, not versions: left out).
    static func fixedVersions(_ affected: AffectedPackage) -> [String] {
        affected.ranges.filter { $0.type != .git }.flatMap { range in
            range.events.compactMap { if case .fixed(let v) = $0 { v } else { nil } }
        }
    }
}
