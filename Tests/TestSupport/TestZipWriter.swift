/// Writes small zip archives for tests: stored (uncompressed) entries only, with real CRC-32s, so a
/// test can build Java archives (nested ones too) of any shape without a fixture file.
public struct TestZipWriter {
    private var body: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ name: String, _ content: String) {
        add(name, content: Array(content.utf8))
    }

    public mutating func add(_ name: String, content: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = Self.crc32(content)
        let offset = body.count
        body += Self.le32(0x0403_4B50) + Self.le16(10) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0)
        body += Self.le32(crc) + Self.le32(UInt32(content.count)) + Self.le32(UInt32(content.count))
        body += Self.le16(UInt16(nameBytes.count)) + Self.le16(0) + nameBytes + content
        central += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(10) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0)
        central += Self.le32(crc) + Self.le32(UInt32(content.count)) + Self.le32(UInt32(content.count))
        central += Self.le16(UInt16(nameBytes.count)) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0)
        central += Self.le32(0) + Self.le32(UInt32(offset)) + nameBytes
        count += 1
    }

    /// The archive: entries, central directory, end record.
    public var archive: [UInt8] {
        body + central + Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(count)) + Self.le16(UInt16(count))
            + Self.le32(UInt32(central.count)) + Self.le32(UInt32(body.count)) + Self.le16(0)
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
