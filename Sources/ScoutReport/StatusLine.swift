import Foundation
import Pipeline

/// The nightly run's progress on stderr: on a terminal one line rewritten in place (repositories
/// done/total, images analysed, cached and failed, MB downloaded, elapsed time); in a log a summary
/// line every few seconds while the counts change. Other lines are printed above it.
final class StatusLine: @unchecked Sendable {
    private let progress: ScanProgress
    private let terminal: Bool
    private let interval: TimeInterval
    private let started = Date()
    private let condition = NSCondition()
    private var running = true
    private var stopped = false
    private var shown: String?
    private var lastCounts: ScanProgress.Counts?

    /// `interval`: seconds between log lines when stderr is not a terminal.
    init(progress: ScanProgress, terminal: Bool = isatty(2) != 0, interval: TimeInterval = 5) {
        self.progress = progress
        self.terminal = terminal
        self.interval = interval
    }

    /// Starts the thread that refreshes the line.
    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.start()
    }

    /// Prints `message` on its own line, keeping the status line below it.
    func print(_ message: String) {
        condition.lock()
        defer { condition.unlock() }
        if terminal, shown != nil {
            write("\r\u{1B}[K" + message + "\n" + (shown ?? ""))
        } else {
            write(message + "\n")
        }
    }

    /// Stops refreshing and leaves the last state on screen.
    func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while !stopped { condition.wait() }
        if terminal, shown != nil { write("\r\u{1B}[K") }
        shown = nil
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while running {
            refresh()
            _ = condition.wait(until: Date().addingTimeInterval(terminal ? 0.25 : interval))
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Called with the lock held.
    private func refresh() {
        let counts = progress.current
        guard counts.repositoriesTotal > 0 else { return }
        let line = Self.describe(counts, elapsed: Date().timeIntervalSince(started))
        if terminal {
            shown = line
            write("\r\u{1B}[K" + line)
        } else if counts != lastCounts {
            lastCounts = counts
            write(line + "\n")
        }
    }

    /// `Repositories 812/1000 · 2904 analysed, 96 cached, 0 failed · 1234.5 MB · 0:42`.
    static func describe(_ counts: ScanProgress.Counts, elapsed: TimeInterval) -> String {
        let seconds = Int(elapsed)
        let megabytes = Double(counts.downloadedBytes) / 1_000_000
        return "Repositories \(counts.repositoriesDone)/\(counts.repositoriesTotal) · \(counts.analysed) analysed, \(counts.cached) cached, \(counts.failed) failed · "
            + String(format: "%.1f MB", megabytes) + " · \(seconds / 60):" + String(format: "%02d", seconds % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
