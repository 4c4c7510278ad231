@testable import Catalogers
import Testing

/// An rpm header that repeats a wanted tag: each repeat used to copy the rest of the data store, so
/// 100,000 index entries over a 1 MiB store copied 100 GB. Now a tag is decoded once.
@Suite struct RpmHeaderRepeatTests {
    @Test func aRepeatedTagIsDecodedOnce() throws {
        let entries = 100_000, store = 1 << 20
        var blob: [UInt8] = []
        func u32(_ value: Int) { blob += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        u32(entries); u32(store)
        for _ in 0..<entries { u32(Int(RpmHeader.Tag.name)); u32(6); u32(0); u32(1) }
        blob += [UInt8](repeating: UInt8(ascii: "a"), count: store - 1) + [0]
        let started = ContinuousClock.now
        let entry = try RpmHeader.entry(blob)
        // The old decoder copied 100 GB here (many minutes); the bound is loose so a loaded machine never flakes.
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(entry.name.utf8.count == store - 1)
    }
}
