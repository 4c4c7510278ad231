/// A statement parameter: sent separately from the SQL text (never spliced into it).
public enum PostgresValue: Sendable, Hashable {
    case text(String)
    case int(Int64)
    case bytes([UInt8])
    case null

    public static func int(_ value: Int) -> PostgresValue { .int(Int64(value)) }
}
