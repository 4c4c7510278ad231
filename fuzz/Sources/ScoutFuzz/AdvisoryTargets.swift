import CVSS
import Foundation
import Vulnerabilities

/// Advisory feeds and CVSS vectors.
enum AdvisoryTargets {
    /// The same bytes as OSV JSON and as OSV YAML.
    static func osv(_ bytes: [UInt8]) {
        _ = try? OSVDecoder.decodeJSON(Data(bytes), path: "fuzz.json")
        _ = try? OSVDecoder.decodeYAML(String(decoding: bytes, as: UTF8.self), path: "fuzz.yaml")
    }

    static func secdb(_ bytes: [UInt8]) {
        _ = try? AlpineSecDBDecoder.decode(Data(bytes), path: "fuzz.json")
    }

    static func nvd(_ bytes: [UInt8]) {
        _ = try? NVDDecoder.decode(Data(bytes), path: "fuzz.json")
    }

    /// Each line is a vector; an accepted vector scores between 0 and 10 and parses the same way twice.
    static func cvss(_ bytes: [UInt8]) {
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(16) {
            guard let vector = try? CVSS.parse(String(line)) else { continue }
            FuzzCheck.require((0...10).contains(vector.baseScore), "'\(line)' scored \(vector.baseScore)")
            let again = try? CVSS.parse(String(line))
            FuzzCheck.require(again?.baseScore == vector.baseScore, "'\(line)' scored differently twice")
        }
    }
}
