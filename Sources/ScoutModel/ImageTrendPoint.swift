/// One image's state after one run: what the per-image trend shows.
public struct ImageTrendPoint: Sendable, Hashable, Codable {
    public var runID: Int64
    /// RFC 3339 start of the run.
    public var runAt: String
    /// Counts as Scout shows them (one per vulnerability per source package), suppressed findings left out.
    public var counts: SeverityCounts
    /// Findings not reported for this image by the previous run.
    public var newFindings: Int
    /// Findings the previous run reported for this image and this one did not.
    public var fixedFindings: Int
    /// Suppressed findings (VEX, ignore list).
    public var suppressed: Int

    public init(runID: Int64, runAt: String, counts: SeverityCounts, newFindings: Int, fixedFindings: Int, suppressed: Int = 0) {
        self.runID = runID
        self.runAt = runAt
        self.counts = counts
        self.newFindings = newFindings
        self.fixedFindings = fixedFindings
        self.suppressed = suppressed
    }
}
