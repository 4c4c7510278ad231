/// What incremental re-evaluation depends on besides the advisories: the matching logic. The advisories'
/// side is kept by the store at import time (`advisorySequence()`, `changedMatchKeys(since:)`).
public enum MatchBasis {
    /// Bumped whenever matching logic changes what a package's findings are: a run recorded with another
    /// version is followed by a full re-evaluation.
    public static let matchingVersion = 1
}
