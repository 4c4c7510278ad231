import Foundation
import CVSS
import ScoutModel

/// Chooses a finding's severity as Docker Scout does.
enum SeverityChooser {
    struct Rating {
        var severity: Severity
        var score: Double?
        var vector: String?
        var source: String?
        /// Lower is better: 0 the database's own word, 1 the advisory's CVSS, 2 an alias's CVSS, 3 none.
        var rank: Int
    }

    /// The distribution's or database's own severity; else the advisory's CVSS; else the CVSS of the id
    /// in the severity database (NVD); else unspecified. A CVSS score is shown whenever one is known, and
    /// the source names the CVSS version whose bands gave the severity (`NVD (CVSS 2.0)`).
    static func choose(advisory: Advisory, affected: AffectedPackage, vulnerabilityID: String, source: String, index: AdvisoryIndex) -> Rating {
        let advisoryScore = bestVector(advisory.severity)
        let aliasRecord = index.cvss[vulnerabilityID]
        if let word = affected.severity ?? advisory.databaseSeverity, let severity = Severity(label: word) {
            return Rating(
                severity: severity,
                score: advisoryScore?.score ?? aliasRecord?.score,
                vector: advisoryScore?.vector ?? aliasRecord?.vector,
                source: source, rank: 0)
        }
        if let advisoryScore {
            let (severity, label) = banded(advisoryScore.score, vector: advisoryScore.vector)
            return Rating(severity: severity, score: advisoryScore.score, vector: advisoryScore.vector, source: "\(source) \(label)", rank: 1)
        }
        if let aliasRecord {
            let (severity, label) = banded(aliasRecord.score, vector: aliasRecord.vector)
            return Rating(severity: severity, score: aliasRecord.score, vector: aliasRecord.vector, source: "NVD \(label)", rank: 2)
        }
        return Rating(severity: .unspecified, rank: 3)
    }

    /// A CVSS score's severity by the bands of its vector's own version (v2: Low, Medium, High, so 9.0
    /// and over is High; v3.x and v4.0: 0.0 is None), and the source label saying so: `(CVSS 3.1)`,
    /// `(CVSS 3.1: None)`. None has no severity of its own among Scout's: it counts as unspecified.
    static func banded(_ score: Double, vector: String) -> (Severity, String) {
        guard let version = VectorCache.shared.parse(vector)?.version else {
            return (Severity(cvssScore: score), "(CVSS)")
        }
        let band = CVSSVector.severity(score: score, version: version)
        if band == "NONE" { return (.unspecified, "(CVSS \(version.rawValue): None)") }
        return (Severity(label: band) ?? .unspecified, "(CVSS \(version.rawValue))")
    }

    /// The rank of an already made finding, for merging.
    static func rank(_ finding: Finding) -> Int {
        if finding.severity == .unspecified { return 3 }
        return finding.severitySource?.hasPrefix("NVD ") == true ? 2 : (finding.cvssVector == nil ? 0 : 1)
    }

    /// The newest CVSS version among the vectors that parse.
    private static func bestVector(_ scores: [SeverityScore]) -> (score: Double, vector: String)? {
        var best: (order: Int, score: Double, vector: String)?
        for entry in scores {
            guard let parsed = VectorCache.shared.parse(entry.score) else { continue }
            let order: Int
            switch parsed.version {
            case .v40: order = 4
            case .v31: order = 3
            case .v30: order = 2
            case .v2: order = 1
            }
            if best == nil || order > best!.order { best = (order, parsed.baseScore, entry.score) }
        }
        return best.map { ($0.score, $0.vector) }
    }
}

/// Parsed CVSS vectors by their text: a fleet's findings share a few thousand distinct vectors, and
/// parsing one costs tens of microseconds. Thread-safe; failures are remembered too.
final class VectorCache: @unchecked Sendable {
    static let shared = VectorCache()

    private let lock = NSLock()
    private var parsed: [String: CVSSVector?] = [:]
    /// Entries kept at most (a hostile feed full of distinct vectors must not grow it without bound).
    private let limit = 100_000

    func parse(_ vector: String) -> CVSSVector? {
        lock.lock()
        if let known = parsed[vector] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let result = try? CVSS.parse(vector)
        lock.lock()
        if parsed.count < limit { parsed[vector] = result }
        lock.unlock()
        return result
    }
}
