import Foundation

/// Image rows (`ImageRowView`) built on first use, once per image, depth and format, from any render
/// worker: on a night when most pages are linked unrendered (`PageReuse`), most rows are never needed,
/// and building them all up front was a cost that grew with the fleet.
final class ImageRowCache: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    /// By depth × 2 + (HTML ? 1 : 0), one slot per image.
    private var rows: [Int: [ImageRowView?]] = [:]

    init(count: Int) { self.count = count }

    /// The row of image `index`, made by `make` the first time it is asked for.
    func row(_ index: Int, depth: Int, html: Bool, make: () -> ImageRowView) -> ImageRowView {
        let key = depth * 2 + (html ? 1 : 0)
        lock.lock()
        if let row = rows[key]?[index] {
            lock.unlock()
            return row
        }
        lock.unlock()
        // Built outside the lock; two workers that race keep the first (equal) row.
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if rows[key] == nil { rows[key] = Array(repeating: nil, count: count) }
        if let row = rows[key]![index] { return row }
        rows[key]![index] = made
        return made
    }
}
