import Foundation
import ScoutModel

/// Layers a worker process fetched from the queue's layer cache, kept in memory (up to `budget`
/// bytes of files, oldest dropped first): the base layers most new images share are then decoded
/// once per process instead of once per image. A diffID's files never change, so nothing goes stale.
final class LayerMemo: @unchecked Sendable {
    private let lock = NSLock()
    private let budget: Int
    private var layers: [String: LayerFiles] = [:]
    private var order: [String] = []
    private var bytes = 0

    init(budget: Int = 256 << 20) {
        self.budget = budget
    }

    func files(diffID: String) -> LayerFiles? {
        lock.lock()
        defer { lock.unlock() }
        return layers[diffID]
    }

    func keep(_ files: LayerFiles) {
        let size = files.files.values.reduce(0) { $0 + $1.count }
        guard size <= budget / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        guard layers[files.diffID] == nil else { return }
        layers[files.diffID] = files
        order.append(files.diffID)
        bytes += size
        while bytes > budget, !order.isEmpty {
            let oldest = order.removeFirst()
            bytes -= layers.removeValue(forKey: oldest).map { $0.files.values.reduce(0) { $0 + $1.count } } ?? 0
        }
    }
}
