/// One member of a tar archive, after pax and GNU extension headers were applied.
public struct TarEntry: Sendable, Hashable {
    /// What the entry is.
    public enum Kind: Sendable, Hashable {
        case regular
        case hardLink
        case symbolicLink
        case directory
        /// Character or block device, FIFO, sparse file, or an unknown type flag.
        case other(UInt8)
    }

    /// The path as written in the archive (pax `path` or GNU long name when present).
    public var path: String
    public var kind: Kind
    /// Content length in bytes (0 for links, directories and devices).
    public var size: Int64
    /// Link target for hard and symbolic links.
    public var linkName: String
    public var mode: Int64
    /// Offset of the content from the start of the stream.
    public var dataOffset: Int64

    /// The path without a leading `/` or `./` and without a trailing `/`: `etc/os-release`.
    public var normalizedPath: String { TarEntry.normalize(path) }

    /// Removes leading `/` and `./` and trailing `/`.
    public static func normalize(_ path: String) -> String {
        var text = Substring(path)
        while true {
            if text.hasPrefix("/") {
                text = text.dropFirst()
            } else if text.hasPrefix("./") {
                text = text.dropFirst(2)
            } else {
                break
            }
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        return text == "." ? "" : String(text)
    }
}

/// Why a tar stream could not be read.
public struct TarError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The stream stopped inside a header or an entry's content.
        case unexpectedEnd
        /// A header's checksum does not match its bytes.
        case badChecksum(offset: Int64)
        /// A numeric field or an extension record cannot be parsed.
        case badHeader(offset: Int64, String)
        /// An entry claims a size over the allowed maximum.
        case entryTooLarge(path: String, size: Int64)
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .unexpectedEnd: "unexpected end of archive"
        case .badChecksum(let offset): "tar header checksum mismatch at offset \(offset)"
        case .badHeader(let offset, let what): "invalid tar header at offset \(offset): \(what)"
        case .entryTooLarge(let path, let size): "entry '\(path)' claims \(size) bytes, over the allowed maximum"
        }
    }
}
