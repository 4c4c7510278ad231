import ScoutModel
import Versions

/// The ranges of one affected entry made ready for matching: events sorted in the scheme's order and
/// every version read once, when the index is built. `RangeEvaluator` sorts the events and reads both
/// version strings at every comparison; this gives the same answers (and, for a range holding a
/// version the scheme cannot read, leaves the range to `RangeEvaluator`, so the same warning).
final class PreparedRanges: Sendable {
    enum Range: Sendable {
        /// Events in evaluation order, each version read.
        case ready([Event])
        /// A version of this range cannot be read: evaluated from the strings, as before.
        case unreadable(AffectedRange)
    }

    struct Event: Sendable {
        enum Kind: Sendable { case introduced, fixed, lastAffected, limit }
        var kind: Kind
        var text: String
        /// Nil for `introduced: "0"` (affected from the beginning), which is never read as a version.
        var version: ParsedVersion?
    }

    let ranges: [Range]
    /// Versions listed one by one (`affected[].versions`).
    let versions: [String]

    /// The non-git ranges of `affected`, read in `scheme`.
    init(_ affected: AffectedPackage, scheme: VersionScheme) {
        versions = affected.versions
        ranges = affected.ranges.filter { $0.type != .git }.map { range in
            var events: [Event] = []
            events.reserveCapacity(range.events.count)
            for event in range.events {
                let kind: Event.Kind
                switch event {
                case .introduced: kind = .introduced
                case .fixed: kind = .fixed
                case .lastAffected: kind = .lastAffected
                case .limit: kind = .limit
                }
                if kind == .introduced, event.version == "0" {
                    events.append(Event(kind: kind, text: "0", version: nil))
                } else if let version = try? ParsedVersion(event.version, scheme: scheme) {
                    events.append(Event(kind: kind, text: event.version, version: version))
                } else {
                    return .unreadable(range)
                }
            }
            // The same insertion sort as `RangeEvaluator`, so ties keep the same order.
            for i in 1..<max(events.count, 1) {
                var j = i
                while j > 0, Self.precedes(events[j], events[j - 1]) {
                    events.swapAt(j, j - 1)
                    j -= 1
                }
            }
            return .ready(events)
        }
    }

    private static func precedes(_ a: Event, _ b: Event) -> Bool {
        if a.version == nil { return b.version != nil }
        guard let bVersion = b.version, let aVersion = a.version else { return false }
        if a.text == b.text { return false }
        return (aVersion.compare(to: bVersion) ?? 0) < 0
    }

    /// True when `text` (read as `version`) is affected; throws when a version of an unreadable range
    /// cannot be read (the error `RangeEvaluator` throws).
    ///
    /// One rule for every ecosystem: a range that cannot be compared never gives a silent verdict. A range
    /// that can be read and affects the version decides (it is affected, whatever the others say);
    /// otherwise a range that cannot be compared throws, so the caller warns instead of answering "not
    /// affected". The ranges' order does not matter.
    func isAffected(_ text: String, _ version: ParsedVersion, evaluator: RangeEvaluator) throws(VersionError) -> Bool {
        if versions.contains(text) { return true }
        var unreadable: VersionError?
        for range in ranges {
            switch range {
            case .ready(let events):
                if Self.isAffected(text, version, events) { return true }
            case .unreadable(let range):
                do {
                    if try evaluator.isAffected(text, in: range) { return true }
                } catch {
                    unreadable = unreadable ?? error
                }
            }
        }
        if let unreadable { throw unreadable }
        return false
    }

    /// OSV's walk over sorted events: introduced turns on, fixed and limit turn off at or above their
    /// version, last_affected strictly above it.
    private static func isAffected(_ text: String, _ version: ParsedVersion, _ events: [Event]) -> Bool {
        var affected = false
        for event in events {
            guard let eventVersion = event.version else {
                affected = true   // introduced "0"
                continue
            }
            let order = text == event.text ? 0 : (version.compare(to: eventVersion) ?? 0)
            switch event.kind {
            case .introduced: if order >= 0 { affected = true }
            case .fixed, .limit: if order >= 0 { affected = false }
            case .lastAffected: if order > 0 { affected = false }
            }
        }
        return affected
    }
}
