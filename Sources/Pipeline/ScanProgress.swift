import Foundation

/// Live counts of a nightly run's image stage, updated by the threads doing the work and read by
/// whoever shows progress (the CLI's status line), at any time.
public final class ScanProgress: @unchecked Sendable {
    /// The counts at one moment.
    public struct Counts: Sendable, Hashable {
        public var repositoriesDone = 0
        public var repositoriesTotal = 0
        public var analysed = 0
        public var cached = 0
        public var failed = 0
        /// Blob bytes received from registries so far.
        public var downloadedBytes: Int64 = 0
    }

    private let lock = NSLock()
    private var counts = Counts()
    private var downloaded: @Sendable () -> Int64 = { 0 }

    public init() {}

    /// The counts now.
    public var current: Counts {
        lock.lock()
        var copy = counts
        let downloaded = self.downloaded
        lock.unlock()
        copy.downloadedBytes = downloaded()
        return copy
    }

    func update(_ change: (inout Counts) -> Void) {
        lock.lock()
        change(&counts)
        lock.unlock()
    }

    /// Where the downloaded byte count comes from (the registry clients' statistics).
    func measureDownloads(_ source: @escaping @Sendable () -> Int64) {
        lock.lock()
        downloaded = source
        lock.unlock()
    }
}
