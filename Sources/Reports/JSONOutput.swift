import Foundation
import JSONText
import ScoutModel

/// Deterministic JSON for the machine formats: keys sorted, slashes unescaped, two-space indent.
enum JSONOutput {
    /// Writes `value` through `JSONWriter` (the same bytes `encode` gives, several times faster);
    /// `capacity` is a guess of the size. Fails only on a non-finite number, as `JSONEncoder` does.
    static func write(_ value: some JSONWritable, format: String, subject: String, capacity: Int) throws(ReportError) -> String {
        var json = JSONWriter.document(value, layout: .pretty, capacity: capacity)
        if let number = json.invalidNumber {
            throw ReportError(subject: subject, reason: .documentEncodingFailed(
                format: format, detail: "\(number) is not a valid JSON number"))
        }
        json.endLine()
        return json.text
    }

    /// Encodes `value` with Foundation's `JSONEncoder`; `format` and `subject` name the document in
    /// the error. The formats written with `write` keep their `Encodable` conformance so that tests
    /// can compare both.
    static func encode<T: Encodable>(_ value: T, format: String, subject: String) throws(ReportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw ReportError(subject: subject, reason: .documentEncodingFailed(format: format, detail: String(describing: error)))
        }
    }
}

/// Stable identifiers derived from an image digest, so documents of the same image are identical.
enum DocumentIdentity {
    /// The time written where a document needs one and none is known (an image never stored).
    static let unknownTime = "1970-01-01T00:00:00Z"

    /// A version-5-shaped UUID built from the digest's first 32 hex digits (a digest is already a
    /// hash): `sha256:0123…` → `01234567-89ab-5def-8123-456789abcdef`.
    static func uuid(fromDigest digest: String) -> String {
        var hex = Array((digest.split(separator: ":").last.map(String.init) ?? digest).lowercased())
            .filter { $0.isHexDigit }
        while hex.count < 32 { hex.append("0") }
        hex[12] = "5"
        let variant = Int(String(hex[16]), radix: 16)! & 0x3 | 0x8
        hex[16] = Array(String(variant, radix: 16))[0]
        let text = String(hex.prefix(32))
        func part(_ from: Int, _ to: Int) -> Substring {
            text[text.index(text.startIndex, offsetBy: from)..<text.index(text.startIndex, offsetBy: to)]
        }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// `pkg:oci/alpine@sha256%3A…?repository_url=…&tag=3.11`: the package URL of the image itself.
    static func imagePURL(_ image: ImageReport) -> String {
        let name = (image.repository ?? "image").split(separator: "/").last.map(String.init) ?? "image"
        var purl = "pkg:oci/\(percentEncode(name))@\(percentEncode(image.digest))"
        var qualifiers: [String] = []
        if let platform = image.sbom.metadata.platform { qualifiers.append("arch=\(percentEncode(platform.architecture))") }
        if let repository = image.repository { qualifiers.append("repository_url=\(percentEncode(repository))") }
        if let tag = image.tags.first { qualifiers.append("tag=\(percentEncode(tag))") }
        if !qualifiers.isEmpty { purl += "?" + qualifiers.joined(separator: "&") }
        return purl
    }

    /// Percent-encodes every byte outside `A–Z a–z 0–9 . - _ ~` (the package-url rule).
    static func percentEncode(_ text: String) -> String {
        var result = ""
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}
