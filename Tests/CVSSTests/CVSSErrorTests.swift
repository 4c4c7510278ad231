import Testing
import CVSS

/// Malformed and hostile vectors: each is rejected with the right reason, never a crash.
@Suite struct CVSSErrorTests {
    static let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

    static let cases: [(vector: String, reason: CVSSError.Reason, subject: String)] = [
        ("", .malformed, "empty vector"),
        (" \n\t", .malformed, "empty vector"),
        ("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .unknownVersion, "CVSS:3.2"),
        ("CVSS:/AV:N", .unknownVersion, "CVSS:"),
        ("CVSS:4.0", .missingMetric, "AV"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", .missingMetric, "A"),
        ("AV:N/AC:L/Au:N/C:P/I:P", .missingMetric, "A"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", .missingMetric, "SA"),
        (v31 + "/AV:N", .duplicateMetric, "AV"),
        ("CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidValue, "AV:Z"),
        ("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidValue, "AV:n"),
        ("CVSS:3.1/AV:N:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidValue, "AV:N:N"),
        ("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidValue, "AV:"),
        (v31 + "/E:POC", .invalidValue, "E:POC"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", .invalidValue, "SI:S"),
        (v31 + "/AT:N", .unknownMetric, "AT"),
        (v31 + "/Au:N", .unknownMetric, "Au"),
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .unknownMetric, "PR"),
        ("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .unknownMetric, "cvss"),
        (v31 + "/", .malformed, "empty field"),
        ("CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .malformed, "empty field"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH", .malformed, "field 'AH' has no ':'"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Ｈ", .invalidValue, "A:Ｈ"),
        ("CVSS:3.1/AV:N\u{301}/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidValue, "AV:N\u{301}"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\u{0}", .invalidValue, "A:H\u{0}"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/🔥:H", .unknownMetric, "🔥"),
    ]

    @Test(arguments: cases.indices)
    func malformedVectorIsRejected(index: Int) {
        let expected = Self.cases[index]
        #expect {
            _ = try CVSS.parse(expected.vector)
        } throws: { error in
            guard let error = error as? CVSSError else { return false }
            return error.reason == expected.reason && error.subject == expected.subject
        }
    }

    @Test func descriptionNamesVectorAndCause() throws {
        let vector = "CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        let error = #expect(throws: CVSSError.self) { try CVSS.parse(vector) }
        #expect(error?.description == "Failed to parse CVSS vector '\(vector)': invalid metric value 'AV:Z'")
    }

    @Test func hugeInputIsRejectedWithAShortMessage() {
        for huge in [String(repeating: "/", count: 1 << 20),
                     "CVSS:3.1/" + String(repeating: "AV:N/", count: 300_000),
                     String(repeating: "é", count: 2_000)] {
            let error = #expect(throws: CVSSError.self) { try CVSS.parse(huge) }
            #expect(error?.reason == .malformed)
            #expect((error?.description.count ?? .max) < 300)
        }
    }

    @Test func longButAcceptableVectorErrorsAreShortened() {
        let vector = Self.v31 + String(repeating: "/E:X", count: 100)
        let error = #expect(throws: CVSSError.self) { try CVSS.parse(vector) }
        #expect(error?.reason == .duplicateMetric)
        #expect(error?.vector.count == 101)
        #expect(error?.vector.hasSuffix("…") == true)
    }

    /// Random mutations of valid vectors: every outcome is a score in 0…10 or a CVSSError.
    @Test func mutatedVectorsNeverCrash() {
        let seeds = [
            Self.v31, "AV:N/AC:L/Au:N/C:P/I:P/A:P",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MSI:S/U:Red",
        ]
        let alphabet = Array("/:()CVSS3.140AVNLHPXSUE \u{301}é🔥\u{0}\u{200B}")
        var generator = SplitMix64(seed: 20240229)
        var parsed = 0, rejected = 0
        for _ in 0..<20_000 {
            var characters = Array(seeds[Int(generator.next() % UInt64(seeds.count))])
            for _ in 0..<(1 + generator.next() % 4) {
                let position = Int(generator.next() % UInt64(characters.count + 1))
                switch generator.next() % 4 {
                case 0 where position < characters.count: characters.remove(at: position)
                case 1: characters.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))],
                                          at: position)
                case 2 where position < characters.count: characters.insert(characters[position],
                                                                            at: position)
                default: characters.swapAt(0, min(position, characters.count - 1))
                }
                if characters.isEmpty { characters = ["/"] }
            }
            do {
                let vector = try CVSS.parse(String(characters))
                #expect((0...10).contains(vector.baseScore))
                parsed += 1
            } catch {
                rejected += 1
            }
        }
        #expect(parsed > 0 && rejected > 0)
    }
}

/// A small deterministic generator (SplitMix64) so the fuzz test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
