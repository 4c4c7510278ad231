import Foundation

/// One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.
public struct AuthChallenge: Sendable, Hashable {
    /// Lowercased scheme: `bearer`, `basic`.
    public var scheme: String
    /// Parameters with lowercased names.
    public var parameters: [String: String]

    public init(scheme: String, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// Every challenge in a header value (RFC 7235: `scheme param=value, param="quoted", scheme2 …`).
    public static func parse(_ header: String) -> [AuthChallenge] {
        var challenges: [AuthChallenge] = []
        var scanner = Scanner(Array(header.unicodeScalars))
        while true {
            scanner.skip { $0 == " " || $0 == "," || $0 == "\t" }
            guard let scheme = scanner.token(), !scheme.isEmpty else { break }
            var parameters: [String: String] = [:]
            while true {
                scanner.skip { $0 == " " || $0 == "\t" || $0 == "," }
                let mark = scanner.index
                guard let name = scanner.token(), !name.isEmpty else { break }
                scanner.skip { $0 == " " || $0 == "\t" }
                guard scanner.peek == "=" else {
                    scanner.index = mark  // the next challenge's scheme
                    break
                }
                scanner.index += 1
                scanner.skip { $0 == " " || $0 == "\t" }
                parameters[name.lowercased()] = scanner.quoted() ?? scanner.token() ?? ""
            }
            challenges.append(AuthChallenge(scheme: scheme.lowercased(), parameters: parameters))
        }
        return challenges
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func skip(_ predicate: (Unicode.Scalar) -> Bool) {
            while let c = peek, predicate(c) { index += 1 }
        }

        /// A token: up to a space, comma, `=` or quote (token68 padding `=` at the end is kept).
        mutating func token() -> String? {
            let start = index
            while let c = peek, c != " ", c != ",", c != "=", c != "\"", c != "\t" { index += 1 }
            guard index > start else { return nil }
            return String(String.UnicodeScalarView(scalars[start..<index]))
        }

        mutating func quoted() -> String? {
            guard peek == "\"" else { return nil }
            index += 1
            var value = String.UnicodeScalarView()
            while let c = peek {
                index += 1
                if c == "\\", let next = peek {
                    value.append(next)
                    index += 1
                } else if c == "\"" {
                    break
                } else {
                    value.append(c)
                }
            }
            return String(value)
        }
    }
}

/// The `rel="next"` target of an RFC 5988 `Link` header, as the distribution API paginates.
public enum LinkHeader {
    /// `</v2/_catalog?last=b&n=2>; rel="next"` → `/v2/_catalog?last=b&n=2`.
    public static func next(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let isNext = pieces.dropFirst().contains { piece in
                let lowered = piece.lowercased().replacingOccurrences(of: " ", with: "")
                return lowered == "rel=\"next\"" || lowered == "rel=next"
            }
            if isNext { return String(target.dropFirst().dropLast()) }
        }
        return nil
    }
}
