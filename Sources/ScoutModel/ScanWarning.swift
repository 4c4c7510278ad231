/// Something that went wrong while reading an image or an advisory source, without stopping the run.
public struct ScanWarning: Sendable, Hashable, Codable {
    /// What it concerns: a layer digest, a file path inside the image, an advisory file.
    public var subject: String
    /// One sentence: what failed and why.
    public var message: String

    public init(subject: String, message: String) {
        self.subject = subject
        self.message = message
    }
}
