import Foundation

/// The first 16 bytes of a finding record's SHA-256, held as two words: a fleet's previous run keeps
/// one per finding in memory, and a 16-byte `Data` would be a heap allocation each.
struct RecordHash: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    /// From the stored 16-byte blob (fewer bytes read as zero).
    init(_ data: Data) {
        var words: (UInt64, UInt64) = (0, 0)
        for (index, byte) in data.prefix(16).enumerated() {
            if index < 8 { words.0 = words.0 << 8 | UInt64(byte) } else { words.1 = words.1 << 8 | UInt64(byte) }
        }
        high = words.0
        low = words.1
    }

    /// The 16 bytes as stored (`findingRecords.hash`).
    var data: Data {
        var bytes = Data(capacity: 16)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return bytes
    }
}
