/// One result row, columns by position, in libpq's text format (`bytea` as `\x` hex).
public struct PostgresRow: Sendable {
    public var values: [String?]

    public func string(_ column: Int) -> String? { column < values.count ? values[column] : nil }

    public func int(_ column: Int) -> Int? { string(column).flatMap { Int($0) } }

    public func bool(_ column: Int) -> Bool? { string(column).map { $0 == "t" } }

    /// A `bytea` column (hex output, PostgreSQL's default since 9.0).
    public func bytes(_ column: Int) -> [UInt8]? {
        guard let text = string(column) else { return nil }
        let hex = text.utf8.dropFirst(2)
        guard text.hasPrefix("\\x"), hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var high: UInt8? = nil
        for character in hex {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }
}
