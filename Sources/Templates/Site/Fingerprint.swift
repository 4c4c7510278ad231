import Crypto
import Foundation

/// A SHA-256 over length-prefixed values: no two different sequences of inputs give the same bytes.
/// What `PageFingerprints` and `DownloadReuse` sum a page's inputs up with.
struct Fingerprint {
    private var hash = SHA256()

    init() {}

    mutating func add(_ text: String?) {
        guard var text else {
            // A missing value is not the empty one.
            let missing: [UInt8] = [0xff]
            missing.withUnsafeBytes { add(bytes: $0) }
            return
        }
        text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ number: Int) {
        withUnsafeBytes(of: number.littleEndian) { hash.update(bufferPointer: $0) }
    }

    mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }

    mutating func add(_ value: Value?) {
        guard let value else { return add(nil as String?) }
        withUnsafeBytes(of: value.words) { add(bytes: $0) }
    }

    /// A value as JSON with sorted keys: every field it has, including ones added after this was
    /// written (for the small, rarely changing parts of a page's data).
    mutating func add(json value: some Encodable) {
        let data = (try? Self.encoder.encode(value)) ?? Data([0xfe])
        data.withUnsafeBytes { add(bytes: $0) }
    }

    private mutating func add(bytes: UnsafeRawBufferPointer) {
        withUnsafeBytes(of: bytes.count.littleEndian) { hash.update(bufferPointer: $0) }
        hash.update(bufferPointer: bytes)
    }

    /// A finished sum, kept to be added to others.
    struct Value: Sendable, Hashable {
        let words: (UInt64, UInt64, UInt64, UInt64)

        static func == (a: Value, b: Value) -> Bool { a.words == b.words }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
        }
    }

    func value() -> Value {
        let digest = hash.finalize()
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { bytes in withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) } }
        return Value(words: words)
    }

    /// The first 128 bits in hex: what a manifest keeps.
    func hex() -> String {
        let digest = hash.finalize()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for byte in digest.prefix(16) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
