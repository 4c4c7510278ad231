/// A response's status and headers, as the registry client reads them.
///
/// Built by the transport from the header lines libcurl hands over (a `HTTPURLResponse` costs a
/// Foundation dictionary and a URL per response; a warm scan makes thousands).
struct ResponseHead: Sendable {
    let statusCode: Int
    /// Each header once, as first received; repeated ones joined with ", ".
    private let fields: [(name: String, value: String)]

    init(statusCode: Int, fields: [(name: String, value: String)]) {
        self.statusCode = statusCode
        var merged: [(name: String, value: String)] = []
        var positions: [String: Int] = [:]   // lowercased name → its place in `merged`
        merged.reserveCapacity(fields.count)
        for field in fields {
            let key = field.name.lowercased()
            if let index = positions[key] {
                merged[index].value += ", " + field.value
            } else {
                positions[key] = merged.count
                merged.append(field)
            }
        }
        self.fields = merged
    }

    /// The value of header `name` (any case), nil when absent.
    func value(forHTTPHeaderField name: String) -> String? {
        fields.first { Self.same($0.name, name) }?.value
    }

    /// Header names compare without regard to ASCII case.
    private static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { Self.lower($0) == Self.lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
