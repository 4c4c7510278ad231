/// Something that went wrong while reading an image or an advisory source, without stopping the run.
public struct ScanWarning: Sendable, Hashable, Codable {
    /// What it concerns: a layer digest, a file path inside the image, an advisory file.
    public var subject: String
    /// One sentence: what failed and why.
    public var message: String
    /// True when content the analysis needed could not be read (a layer, or a file over a read limit):
    /// the image's SBOM is then incomplete, and "no vulnerable package" would be a lie. False for
    /// a file that was read but could not be parsed, or an advisory source.
    public var incomplete: Bool

    public init(subject: String, message: String, incomplete: Bool = false) {
        self.subject = subject
        self.message = message
        self.incomplete = incomplete
    }

    private enum CodingKeys: String, CodingKey { case subject, message, incomplete }

    /// `incomplete` is written only when true, so warnings stored before it existed read as they were.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subject = try container.decode(String.self, forKey: .subject)
        message = try container.decode(String.self, forKey: .message)
        incomplete = try container.decodeIfPresent(Bool.self, forKey: .incomplete) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(message, forKey: .message)
        if incomplete { try container.encode(true, forKey: .incomplete) }
    }
}
