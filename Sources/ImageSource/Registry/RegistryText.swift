import Foundation

/// What a registry says, made fit to print, store and publish: the client's own secrets redacted,
/// control and bidirectional-override characters removed, and the length bounded.
///
/// A registry may echo the request (its `Authorization` header) in an error message; that text
/// reaches stderr, the store and `settings.html`, so nothing a registry wrote is kept unfiltered.
enum RegistryText {
    /// At most this many characters of a registry's message are kept.
    static let maximumLength = 200
    static let redacted = "[redacted]"

    /// `CODE: message` of the registry's error JSON, redacted, sanitised and short ("" when none).
    static func summary(ofErrorBody body: Data, redacting secrets: [String]) -> String {
        struct Errors: Decodable {
            struct Entry: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Entry]?
        }
        guard let decoded = try? JSONDecoder().decode(Errors.self, from: body.prefix(64 << 10)), let first = decoded.errors?.first else { return "" }
        return clean([first.code, first.message].compactMap { $0 }.joined(separator: ": "), redacting: secrets)
    }

    /// `text` with every secret (and its percent-encoded form) replaced, before it is cut, so that a
    /// cut never leaves part of a secret; then without control or format characters, and bounded.
    static func clean(_ text: String, redacting secrets: [String]) -> String {
        var text = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: redacted)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                text = text.replacingOccurrences(of: encoded, with: redacted)
            }
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                if scalars.last != " " { scalars.append(" ") }
            default:
                scalars.append(scalar)
            }
        }
        let clean = String(scalars).trimmingCharacters(in: .whitespaces)
        return clean.count > maximumLength ? String(clean.prefix(maximumLength)) + "…" : clean
    }
}
