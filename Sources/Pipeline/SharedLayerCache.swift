import Foundation
import ImageSource
import ScoutModel

/// A layer cache shared by images read at the same time: when two new images share a layer (a base
/// image), one reads it and the other waits for its result instead of downloading it too.
///
/// Each image reads through its own `Claim`. A claim that finds a layer neither cached nor being read
/// takes it; a claim that finds it being read by another image waits for it, unless it holds layers of
/// its own (two images waiting on each other would never finish), in which case it reads it as well.
/// `finish()` gives back what a failed read never stored, so waiting images read those layers themselves.
///
/// Layers read are kept in memory until `flush` writes them to the store, which the scanner does in
/// image order: the store's rows then come in the same order however the reads interleaved.
final class SharedLayerCache: @unchecked Sendable {
    private let base: any LayerCache
    private let condition = NSCondition()
    /// The diffIDs being read, and by which claim.
    private var reading: [String: ObjectIdentifier] = [:]
    /// Layers read in this run and not yet written to the store.
    private var ready: [String: LayerFiles] = [:]

    init(base: any LayerCache) {
        self.base = base
    }

    /// The cache one image reads through.
    func claim() -> Claim { Claim(shared: self) }

    final class Claim: LayerCache, @unchecked Sendable {
        fileprivate let shared: SharedLayerCache
        /// Layers this claim took and has not stored yet.
        fileprivate var held: Set<String> = []
        /// Every layer the image asked for, in its order.
        fileprivate var used: [String] = []

        fileprivate init(shared: SharedLayerCache) { self.shared = shared }

        func cachedFiles(diffID: String) -> LayerFiles? { shared.cachedFiles(diffID: diffID, claim: self) }

        func store(_ files: LayerFiles) { shared.store(files, claim: self) }

        /// Releases the layers this image took but did not store (its read failed).
        func finish() { shared.release(self) }

        /// Writes the layers this image used that are not in the store yet, in its layer order.
        func flush() { shared.flush(self) }
    }

    private func cachedFiles(diffID: String, claim: Claim) -> LayerFiles? {
        let me = ObjectIdentifier(claim)
        condition.lock()
        claim.used.append(diffID)
        while let owner = reading[diffID], owner != me, claim.held.isEmpty {
            condition.wait()
        }
        if let files = ready[diffID] {
            condition.unlock()
            return files
        }
        // Taken before the look-up (done without the lock), so no other image starts on it meanwhile.
        let took = reading[diffID] == nil
        if took {
            reading[diffID] = me
            claim.held.insert(diffID)
        }
        condition.unlock()
        guard let files = base.cachedFiles(diffID: diffID) else { return nil }
        if took {
            condition.lock()
            reading[diffID] = nil
            claim.held.remove(diffID)
            condition.broadcast()
            condition.unlock()
        }
        return files
    }

    private func store(_ files: LayerFiles, claim: Claim) {
        condition.lock()
        ready[files.diffID] = files
        if reading[files.diffID] == ObjectIdentifier(claim) { reading[files.diffID] = nil }
        claim.held.remove(files.diffID)
        condition.broadcast()
        condition.unlock()
    }

    private func release(_ claim: Claim) {
        condition.lock()
        for diffID in claim.held where reading[diffID] == ObjectIdentifier(claim) {
            reading[diffID] = nil
        }
        claim.held.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func flush(_ claim: Claim) {
        for diffID in claim.used {
            condition.lock()
            let files = ready[diffID]
            condition.unlock()
            guard let files else { continue }
            base.store(files)
            // Dropped from memory only once the store has it, so a look-up always finds it somewhere.
            condition.lock()
            ready[diffID] = nil
            condition.unlock()
        }
    }
}
