import Crypto
import Foundation
import ScoutModel
import Vulnerabilities

/// What matching depends on, per match key (`Alpine:v3.20 musl`): a fingerprint of every advisory
/// record indexed under the key (withdrawn ones included) with the CVSS records of its ids. A key whose
/// fingerprint differs from the one the last run stored has had advisories added, changed or withdrawn
/// (or their CVSS changed): the packages looked up by it are matched again; the others cannot have changed.
public struct MatchBasis: Sendable {
    /// Bumped whenever matching logic changes what a package's findings are: a run recorded with another
    /// version is followed by a full re-evaluation.
    public static let matchingVersion = 1

    /// Key → the first 16 bytes of the SHA-256 of its advisories' digests, sorted.
    public var fingerprints: [String: Data]

    /// The fingerprints of `sources` (their stored records and the same decoded) under `index`'s CVSS records.
    static func make(sources: [(name: String, records: [Data], advisories: [Advisory])], index: AdvisoryIndex) -> MatchBasis {
        var digests: [String: [Data]] = [:]
        for source in sources {
            let name = source.name
            let perAdvisory = ParallelMap.map(Array(zip(source.records, source.advisories))) { item -> Data in
                let (record, advisory) = item
                var hash = SHA256()
                hash.update(data: Data(name.utf8))
                hash.update(data: record)
                for id in Set([advisory.id] + advisory.aliases + advisory.related).sorted() {
                    guard let cvss = index.cvssRecord(for: id) else { continue }
                    let text = "\u{1}\(id)\u{1}\(cvss.vector)\u{1}\(cvss.score)\u{1}\(cvss.scorer)\u{1}\(cvss.description ?? "")\u{1}\(cvss.published ?? "")"
                    hash.update(data: Data(text.utf8))
                }
                return Data(hash.finalize())
            }
            for (advisory, digest) in zip(source.advisories, perAdvisory) {
                for key in Set(AdvisoryIndex.matchKeys(of: advisory)) { digests[key, default: []].append(digest) }
            }
        }
        return MatchBasis(fingerprints: digests.mapValues { list in
            var hash = SHA256()
            for digest in list.sorted(by: { $0.lexicographicallyPrecedes($1) }) { hash.update(data: digest) }
            return Data(hash.finalize().prefix(16))
        })
    }

    /// The keys whose advisories differ between `previous` and `self` (present in one only, or changed).
    public func changedKeys(since previous: [String: Data]) -> Set<String> {
        var changed = Set(previous.keys.filter { fingerprints[$0] == nil })
        for (key, fingerprint) in fingerprints where previous[key] != fingerprint { changed.insert(key) }
        return changed
    }
}
