import Foundation
import ScoutModel

/// An image read by a queue worker, as the queue carries it to the nightly run: the SBOM and the
/// image's VEX files, JSON-encoded (the document written with the job's completion).
struct QueuedReading: Codable {
    var sbom: ImageSBOM
    var vex: [String: Data]

    init(_ reading: ImageAnalyzer.Reading) {
        sbom = reading.sbom
        vex = reading.vex.mapValues { Data($0) }
    }

    var reading: ImageAnalyzer.Reading {
        ImageAnalyzer.Reading(sbom: sbom, vex: vex.mapValues { [UInt8]($0) })
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return [UInt8](try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> QueuedReading {
        try JSONDecoder().decode(QueuedReading.self, from: Data(bytes))
    }

    /// The warnings column beside the document: one line per warning.
    var warningLines: String {
        sbom.warnings.map { "\($0.subject): \($0.message)" }.joined(separator: "\n")
    }
}
