/// Turns a wanted file into the little its catalogers need while the layer streams, so the layer keeps
/// that extract instead of the file: a 60 MiB program becomes the packages found in it.
///
/// Catalogers define reducers (ImageSource does not know their formats); the layer reader applies the
/// one in `ReadLimits` to the paths it accepts, and the layer cache stores what it returned.
public struct WantedFileReducer: Sendable, Hashable {
    /// Names the reduction and its output format: two reducers with one name reduce alike.
    public let name: String
    /// Whether the wanted file at `path` is reduced rather than kept whole.
    public let applies: @Sendable (String) -> Bool
    /// Reads the file through `next` (pieces of its content, nil at its end; what it leaves unread is
    /// skipped) and returns what the layer keeps in its place.
    public let reduce: @Sendable (_ path: String, _ size: Int64, _ next: () throws -> ArraySlice<UInt8>?) throws -> [UInt8]

    public init(name: String, applies: @escaping @Sendable (String) -> Bool,
                reduce: @escaping @Sendable (_ path: String, _ size: Int64, _ next: () throws -> ArraySlice<UInt8>?) throws -> [UInt8]) {
        self.name = name
        self.applies = applies
        self.reduce = reduce
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
