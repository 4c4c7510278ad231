/// Writes small ustar archives for tests (an independent, minimal writer: ustar only).
public struct TestTarWriter {
    public enum Kind: UInt8 {
        case file = 0x30, hardLink = 0x31, symlink = 0x32, directory = 0x35
    }

    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func add(_ name: String, _ content: String) {
        add(name, content: Array(content.utf8))
    }

    public mutating func add(_ name: String, content: [UInt8] = [], kind: Kind = .file, link: String = "") {
        var header = Self.header(name: name, size: kind == .file ? content.count : 0, typeFlag: kind.rawValue, link: link)
        Self.sealChecksum(&header)
        bytes += header
        if kind == .file {
            bytes += content
            bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
        }
    }

    /// Appends a header block exactly as given (checksum must already be set) followed by `content`.
    public mutating func addRaw(header: [UInt8], content: [UInt8]) {
        bytes += header + content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    /// The archive with its two zero end blocks.
    public var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    public static func header(name: String, size: Int, typeFlag: UInt8, link: String = "") -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        put(Array(name.utf8), at: 0, in: &block)
        put(Array("0000644\0".utf8), at: 100, in: &block)
        put(Array("0000000\0".utf8), at: 108, in: &block)
        put(Array("0000000\0".utf8), at: 116, in: &block)
        put(Array((String(size, radix: 8).leftPadded(to: 11) + "\0").utf8), at: 124, in: &block)
        put(Array("00000000000\0".utf8), at: 136, in: &block)
        block[156] = typeFlag
        put(Array(link.utf8), at: 157, in: &block)
        put(Array("ustar\0".utf8) + Array("00".utf8), at: 257, in: &block)
        return block
    }

    /// Writes the header checksum (sum of bytes with the checksum field as spaces).
    public static func sealChecksum(_ block: inout [UInt8]) {
        for index in 148..<156 { block[index] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(Array((String(sum, radix: 8).leftPadded(to: 6) + "\0 ").utf8), at: 148, in: &block)
    }

    private static func put(_ value: [UInt8], at offset: Int, in block: inout [UInt8]) {
        for (index, byte) in value.enumerated() { block[offset + index] = byte }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
