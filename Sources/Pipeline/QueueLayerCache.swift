import Foundation
import ImageSource
import Queue
import ScoutModel

/// The layer cache of queue workers: rows in PostgreSQL keyed by diffID (and `StoreLayerCache`'s
/// filter key), so a new base layer shared by many new images is read by one worker only.
///
/// A miss takes the layer's advisory lock before the image reads it; another worker missing the
/// same layer finds the lock taken and waits for the row, unless it holds a layer lock itself (two
/// images waiting on each other would never finish), in which case it reads the layer as well.
/// `finish()` releases the locks of layers a failed read never stored.
final class QueueLayerCache: LayerCache, @unchecked Sendable {
    private let queue: WorkQueue
    private let memo: LayerMemo
    private let lock = NSLock()
    private var held: Set<String> = []
    /// How long to wait for a layer another worker reads before reading it too.
    private let patience: TimeInterval

    init(queue: WorkQueue, memo: LayerMemo, patience: TimeInterval = 3600) {
        self.queue = queue
        self.memo = memo
        self.patience = patience
    }

    private struct Entry: Codable {
        var files: [String: Data]
        var whiteouts: [String]
        var opaqueDirectories: [String]
    }

    func cachedFiles(diffID: String) -> LayerFiles? {
        let giveUp = Date().addingTimeInterval(patience)
        while true {
            if let files = stored(diffID) { return files }
            guard let locked = try? queue.tryLockLayer(diffID: diffID) else { return nil }
            if locked {
                // Stored between the look-up and the lock: use it and let go.
                if let files = stored(diffID) {
                    try? queue.unlockLayer(diffID: diffID)
                    return files
                }
                lock.lock()
                held.insert(diffID)
                lock.unlock()
                return nil
            }
            lock.lock()
            let holdsOthers = !held.isEmpty
            lock.unlock()
            if holdsOthers || Date() >= giveUp { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func store(_ files: LayerFiles) {
        let entry = Entry(files: files.files.mapValues { Data($0) }, whiteouts: files.whiteouts.sorted(),
                          opaqueDirectories: files.opaqueDirectories.sorted())
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        memo.keep(files)
        // Best effort, as the store's cache: a layer that cannot be kept is read again next time.
        if let bytes = try? encoder.encode(entry) {
            try? queue.storeLayer(diffID: files.diffID, filterKey: StoreLayerCache.filterKey, files: [UInt8](bytes))
        }
        release(files.diffID)
    }

    /// Releases the locks of layers taken and not stored (the image's read failed).
    func finish() {
        lock.lock()
        let left = held
        lock.unlock()
        for diffID in left { release(diffID) }
    }

    private func release(_ diffID: String) {
        lock.lock()
        let had = held.remove(diffID) != nil
        lock.unlock()
        if had { try? queue.unlockLayer(diffID: diffID) }
    }

    private func stored(_ diffID: String) -> LayerFiles? {
        if let files = memo.files(diffID: diffID) { return files }
        guard let bytes = try? queue.layer(diffID: diffID, filterKey: StoreLayerCache.filterKey),
              let entry = try? JSONDecoder().decode(Entry.self, from: Data(bytes)) else { return nil }
        let files = LayerFiles(diffID: diffID, files: entry.files.mapValues { [UInt8]($0) },
                               whiteouts: Set(entry.whiteouts), opaqueDirectories: Set(entry.opaqueDirectories))
        memo.keep(files)
        return files
    }
}
