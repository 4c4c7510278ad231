import Foundation
import ScoutModel
import Store
import Vulnerabilities

/// Matches stored SBOMs against the advisories currently in the store, with KEV and EPSS attached.
public struct Evaluator: Sendable {
    public let index: AdvisoryIndex
    public let enricher: FindingEnricher
    /// Records per source at the time the index was built.
    public let snapshot: [String: Int]

    /// Builds the index from everything the store holds, or (`keys`) from the advisories indexed under
    /// those match keys only: enough to match packages that look up nothing else.
    public init(store: ScoutStore, keys: Set<String>? = nil) throws {
        let stored = try keys.map { try store.advisoryRecords(keys: $0) } ?? store.advisoryRecords()
        var sources: [(name: String, advisories: [Advisory])] = []
        for source in stored.sources {
            // Records decode independently: on every core.
            let decoded = ParallelMap.map(source.records) { AdvisoryRecordDecoder.decode($0) }
            var advisories: [Advisory] = []
            advisories.reserveCapacity(decoded.count)
            for advisory in decoded {
                guard let advisory else {
                    throw StoreError(operation: "read the advisories of '\(source.name)'", path: store.path, reason: .corruptRecord("advisory"))
                }
                advisories.append(advisory)
            }
            sources.append((source.name, advisories))
        }
        index = AdvisoryIndex(sources: sources, cvss: stored.cvss)
        let exploitability = try store.exploitability()
        enricher = FindingEnricher(kev: exploitability.kev, epss: exploitability.epss)
        var snapshot: [String: Int] = [:]
        for source in try store.advisorySources() { snapshot[source.name] = source.records }
        self.snapshot = snapshot
    }

    /// The evaluator and every stored image, read together: the images are read and decoded on another
    /// thread while the advisory index is built (the store serialises only the SQL reads themselves).
    public static func loading(store: ScoutStore) throws -> (evaluator: Evaluator, images: [StoredImage]) {
        let images = ImagesResult()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            images.set(Result { () throws(StoreError) -> [StoredImage] in try store.images() })
        }
        let evaluator: Evaluator
        do {
            evaluator = try Evaluator(store: store)
        } catch {
            group.wait()
            throw error
        }
        group.wait()
        return (evaluator, try images.get())
    }

    /// The findings of each image, in order; images are matched on every core, each core remembering
    /// what the packages it met gave (images share most packages).
    public func evaluate(_ sboms: [ImageSBOM]) -> [MatchResult] {
        ParallelMap.chunks(sboms.count) { range in
            var memo = MatchMemo()
            return range.map { evaluate(sboms[$0], memo: &memo) }
        }
    }

    /// The findings of one image, with KEV and EPSS attached.
    public func evaluate(_ sbom: ImageSBOM) -> MatchResult {
        var memo = MatchMemo()
        return evaluate(sbom, memo: &memo)
    }

    func evaluate(_ sbom: ImageSBOM, memo: inout MatchMemo) -> MatchResult {
        var result = Matcher.match(sbom, against: index, memo: &memo)
        result.findings = enricher.enrich(result.findings)
        return result
    }
}

/// The stored images read on another thread.
private final class ImagesResult: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<[StoredImage], StoreError>?

    func set(_ value: Result<[StoredImage], StoreError>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() throws(StoreError) -> [StoredImage] {
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }
}
