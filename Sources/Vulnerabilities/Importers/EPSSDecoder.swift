import Foundation
import ScoutModel

/// Reads FIRST's daily EPSS CSV (`epss_scores-YYYY-MM-DD.csv`, usually gzipped).
///
/// Format: an optional comment line `#model_version:v2023.03.01,score_date:2024-01-01T00:00:00+0000`,
/// then the header `cve,epss,percentile`, then one row per CVE with two decimals in 0…1.
public enum EPSSDecoder {
    public static func decode(_ data: Data, path: String) throws(ImportError) -> [EPSSScore] {
        var scores: [EPSSScore] = []
        var date: String?
        var sawHeader = false
        var lineNumber = 0
        var failure: ImportError?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            let end = bytes.count
            scores.reserveCapacity(end / 40)
            while start < end, failure == nil {
                var stop = start
                while stop < end && bytes[stop] != 0x0A { stop += 1 }
                var lineEnd = stop
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lineNumber += 1
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]), as: UTF8.self)
                start = stop + 1
                if line.isEmpty { continue }
                if line.hasPrefix("#") {
                    for part in line.dropFirst().split(separator: ",") where part.hasPrefix("score_date:") {
                        date = String(part.dropFirst("score_date:".count))
                    }
                    continue
                }
                if !sawHeader {
                    guard line.lowercased().hasPrefix("cve,epss,percentile") else {
                        failure = ImportError(path: path, reason: .malformed("line \(lineNumber) is not the header 'cve,epss,percentile' (not an EPSS CSV)"))
                        return
                    }
                    sawHeader = true
                    continue
                }
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count >= 3, fields[0].hasPrefix("CVE-"),
                      let score = Double(fields[1]), let percentile = Double(fields[2]),
                      (0...1).contains(score), (0...1).contains(percentile) else {
                    failure = ImportError(path: path, reason: .malformed("line \(lineNumber) is not 'CVE-…,score,percentile' with values in 0…1"))
                    return
                }
                scores.append(EPSSScore(cveID: String(fields[0]), score: score, percentile: percentile, date: nil))
            }
        }
        if let failure { throw failure }
        guard sawHeader else { throw ImportError(path: path, reason: .malformed("no 'cve,epss,percentile' header (not an EPSS CSV)")) }
        if let date {
            for index in scores.indices { scores[index].date = date }
        }
        return scores
    }
}
