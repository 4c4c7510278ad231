import GRDB
import ScoutModel

/// One image of a repository as a scan found it: its tag, the digest it points at and where it came from.
public struct ScannedTag: Sendable, Hashable {
    public var tag: String
    public var digest: String
    public var source: String
    /// When it was read or found in the store (RFC 3339): the tag's `updatedAt` when it moved.
    public var at: String

    public init(tag: String, digest: String, source: String, at: String) {
        self.tag = tag
        self.digest = digest
        self.source = source
        self.at = at
    }
}

extension ScoutStore {
    /// What a scan of one repository's images records, in one transaction: each tag (and its
    /// history), the repository's warnings (replaced) and the time it was analysed. A nightly run over
    /// a fleet already stored made three transactions per repository for this.
    public func recordRepositoryScan(repository: String, tags: [ScannedTag], warnings: [ScanWarning], analysedAt time: String) throws(StoreError) {
        try write("record the scan of '\(repository)'") { db in
            for tag in tags {
                try Self.recordTag(db, repository: repository, tag: tag.tag, digest: tag.digest, source: tag.source, at: tag.at)
            }
            try Self.replaceRepositoryWarnings(db, repository: repository, warnings: warnings)
            try Self.markAnalysed(db, repository: repository, at: time)
        }
    }
}
