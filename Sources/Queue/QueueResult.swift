/// What a worker wrote when it completed a job: the SBOM document and its warnings, in the same
/// transaction as the completion.
public struct QueueResult: Sendable {
    public var document: [UInt8]
    public var warnings: String
}
