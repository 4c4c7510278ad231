import Crypto

/// Incremental SHA-256 giving `sha256:<hex>` digests.
struct DigestHasher {
    private var hasher = SHA256()
    private(set) var byteCount: Int64 = 0

    mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        byteCount += Int64(bytes.count)
    }

    /// `sha256:<64 hex digits>` of everything seen so far.
    var digest: String {
        Self.format(hasher.finalize())
    }

    /// `sha256:<hex>` of a byte array.
    static func digest(of bytes: [UInt8]) -> String {
        format(SHA256.hash(data: bytes))
    }

    private static func format(_ digest: SHA256.Digest) -> String {
        let hex: [Character] = Array("0123456789abcdef")
        var text = "sha256:"
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0xF)])
        }
        return text
    }
}

/// Content digests as OCI writes them.
public enum ContentDigest {
    /// `sha256:<64 lowercase hex digits>` of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        DigestHasher.digest(of: bytes)
    }
}

extension ContentDigest {
    /// SHA-256 over bytes fed piece by piece (a download hashed as it arrives).
    public struct Streaming {
        private var hasher = DigestHasher()

        public init() {}

        public mutating func update(_ bytes: [UInt8]) {
            hasher.update(bytes[...])
        }

        /// The 64 lowercase hex digits of everything fed so far.
        public var hex: String { String(hasher.digest.dropFirst("sha256:".count)) }
    }
}
