import Foundation
import Store

extension Retention {
    /// Prunes `store` as configured, at the end of a run started at `now`; nil when nothing is configured.
    public func apply(to store: ScoutStore, now: String) throws -> PruneOutcome? {
        guard untaggedDays != nil || runs != nil else { return nil }
        return try store.prune(untaggedBefore: untaggedDays.flatMap { Self.time(now, minusDays: $0) }, keepRuns: runs)
    }

    /// `now` (RFC 3339) less `days` days, in the same form; nil when `now` does not read as a time.
    static func time(_ now: String, minusDays days: Int) -> String? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: now).map { formatter.string(from: $0.addingTimeInterval(-Double(days) * 86_400)) }
    }

    /// `Pruned 3 images and 10 runs; the store went from 120.4 MB to 80.1 MB (rewritten)`.
    public static func describe(_ outcome: PruneOutcome) -> String {
        let megabytes = { (bytes: Int64) in String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        return "Pruned \(outcome.imagesDeleted) image\(outcome.imagesDeleted == 1 ? "" : "s") and \(outcome.runsDeleted) run\(outcome.runsDeleted == 1 ? "" : "s")"
            + "; the store went from \(megabytes(outcome.bytesBefore)) to \(megabytes(outcome.bytesAfter))\(outcome.vacuumed ? " (rewritten)" : "")"
    }
}
