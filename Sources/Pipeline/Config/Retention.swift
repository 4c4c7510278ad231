/// `retention:`: what history the store keeps. Unset values keep everything (the default).
public struct Retention: Sendable, Hashable {
    /// `untagged-days`: images no tag has pointed at for this many days are deleted with their packages,
    /// files and findings.
    public var untaggedDays: Int?
    /// `runs`: only the newest this many runs are kept (their counts, trends and findings history).
    public var runs: Int?

    public init(untaggedDays: Int? = nil, runs: Int? = nil) {
        self.untaggedDays = untaggedDays
        self.runs = runs
    }

    static let keys = ["untagged-days", "runs"]

    /// What the settings page says is kept.
    public var summary: String {
        guard untaggedDays != nil || runs != nil else { return "Every image and every run of history are kept." }
        let images = untaggedDays.map { "images no tag has pointed at for \($0) day\($0 == 1 ? "" : "s") are deleted" }
            ?? "every image is kept"
        let history = runs.map { "the newest \($0) run\($0 == 1 ? "" : "s") of history are kept" } ?? "every run of history is kept"
        return "\(images.prefix(1).uppercased() + images.dropFirst()); \(history)."
    }
}
