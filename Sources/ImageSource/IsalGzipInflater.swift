import CIsal

/// Inflates gzip data with Intel's ISA-L (`libisal`), piece by piece: several times faster than zlib.
///
/// Same contract as `GzipInflater` (concatenated members are inflated one after the other, bytes after the
/// last member are ignored unless they start another member; gzip only, no zlib wrapper), with one
/// addition: an empty `input` means that no more input will come. Until then the inflater copies input into
/// its own buffer and waits for at least `minimumInput` bytes, because ISA-L misreads a block header
/// split over calls with only a few bytes each, and reads a few bytes past the end of its input (the
/// buffer keeps zeroed slack there). Copies share the same state.
public struct IsalGzipInflater {
    private let box: IsalStateBox
    /// True once the last member's trailer has been read and its CRC checked, and nothing else waits.
    public var isFinished: Bool { box.finished && box.staged == 0 }
    /// Bytes gathered before ISA-L is called, unless the input has ended.
    static let minimumInput = 4096
    /// New input is taken only while less than this is waiting.
    static let refillBelow = 64 << 10

    public init() {
        box = IsalStateBox()
    }

    /// Consumes some of `input` (an empty one: the end of input) and returns up to `maxOutput` inflated bytes.
    public mutating func inflate(_ input: inout ArraySlice<UInt8>, maxOutput: Int = 1 << 20) throws(GzipError) -> [UInt8] {
        let box = self.box
        if box.ignoringRest {
            input = input[input.endIndex...]
            return []
        }
        let endOfInput = input.isEmpty
        if box.staged < Self.refillBelow, !input.isEmpty {
            box.append(input)
            input = input[input.endIndex...]
        }
        if box.finished {
            // What follows a member: another member, or bytes to ignore.
            guard box.staged >= 2 || endOfInput else { return [] }
            guard box.startsWithGzipMagic else {
                // Trailing garbage: it and everything after it are ignored, as `gzip -d` does.
                box.discardStaged()
                box.ignoringRest = true
                return []
            }
            box.restart()
        }
        guard endOfInput || box.staged >= Self.minimumInput else { return [] }
        var status: Int32 = ISAL_DECOMP_OK
        var consumed: UInt32 = 0
        var finished: Int32 = 0
        let capacity = min(maxOutput, Int(UInt32.max))
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            var produced: UInt32 = 0
            status = scout_isal_inflate(box.state, box.buffer + box.start, UInt32(clamping: box.staged),
                                        out.baseAddress, UInt32(capacity), &consumed, &produced, &finished)
            initialized = Int(produced)
        }
        box.start += Int(consumed)
        guard status >= 0 else { throw GzipError(.corrupt(Self.message(status))) }
        if finished != 0 { box.finished = true }
        // Input waiting, room for output, and neither used: the stream is stuck, never loop on it.
        if consumed == 0, output.isEmpty, finished == 0, box.staged >= Self.minimumInput {
            throw GzipError(.corrupt("ISA-L made no progress"))
        }
        return output
    }

    static func message(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_BLOCK: "invalid deflate block"
        case ISAL_INVALID_SYMBOL: "invalid deflate symbol"
        case ISAL_INVALID_LOOKBACK: "invalid back-reference distance"
        case ISAL_INVALID_WRAPPER: "invalid gzip header"
        case ISAL_UNSUPPORTED_METHOD: "unsupported compression method"
        case ISAL_INCORRECT_CHECKSUM: "incorrect CRC-32 or length in the gzip trailer"
        default: "ISA-L error \(status)"
        }
    }
}

/// Owns the `inflate_state` (about 85 KB, which must not move while ISA-L works on it) and the input buffer.
///
/// The state is allocated with C's size and only ever touched by the C helpers of `CIsal` (see its shim.h).
private final class IsalStateBox {
    private let memory: UnsafeMutableRawPointer
    let state: UnsafeMutablePointer<inflate_state>
    var finished = false
    /// Set once something other than a gzip member followed a member.
    var ignoringRest = false
    /// Input not yet consumed lives in `buffer[start..<end]`, followed by `slack` zero bytes.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var start = 0
    private var end = 0
    private static let slack = 64

    init() {
        let size = scout_isal_state_size()
        memory = .allocate(byteCount: size, alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        state = memory.bindMemory(to: inflate_state.self, capacity: 1)
        scout_isal_start(state, 0)
        capacity = 1 << 16
        buffer = .allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
    }

    var staged: Int { end - start }

    var startsWithGzipMagic: Bool { staged >= 2 && buffer[start] == 0x1F && buffer[start + 1] == 0x8B }

    /// Appends `bytes` after what is waiting, moving that to the front first.
    func append(_ bytes: ArraySlice<UInt8>) {
        let waiting = staged
        let needed = waiting + bytes.count + Self.slack
        if needed > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: needed)
            grown.update(from: buffer + start, count: waiting)
            buffer.deallocate()
            buffer = grown
            capacity = needed
        } else if start > 0 {
            buffer.update(from: buffer + start, count: waiting)
        }
        start = 0
        end = waiting
        bytes.withUnsafeBufferPointer { source in
            (buffer + end).update(from: source.baseAddress!, count: source.count)
        }
        end += bytes.count
        (buffer + end).update(repeating: 0, count: Self.slack)
    }

    func discardStaged() {
        start = 0
        end = 0
    }

    /// Ready for the next gzip member.
    func restart() {
        scout_isal_start(state, 1)
        finished = false
    }

    deinit {
        memory.deallocate()
        buffer.deallocate()
    }
}
