/// A CVSS score that a severity database (NVD) gives for a vulnerability id: enrichment by alias.
public struct CVSSRecord: Sendable, Hashable, Codable {
    /// `CVE-2020-1967`.
    public var vulnerabilityID: String
    public var vector: String
    public var score: Double
    /// Who scored it: `nvd@nist.gov`, a CNA, CISA ADP.
    public var scorer: String
    /// NVD's own (`Primary`) score wins over others (`Secondary`).
    public var isPrimary: Bool
    /// English description, when the feed has one.
    public var description: String?
    /// When the CVE was published (NVD's `published`, often without a zone: `2017-02-13T18:59:00.753`).
    public var published: String?

    public init(vulnerabilityID: String, vector: String, score: Double, scorer: String, isPrimary: Bool, description: String? = nil,
                published: String? = nil) {
        self.vulnerabilityID = vulnerabilityID
        self.vector = vector
        self.score = score
        self.scorer = scorer
        self.isPrimary = isPrimary
        self.description = description
        self.published = published
    }
}
