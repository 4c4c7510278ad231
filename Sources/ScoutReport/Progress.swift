import Foundation

/// Progress lines of the image commands on stderr (`✓ Indexed 14 packages`): shown only when stderr
/// is a terminal and `--quiet` is not set; the marks are coloured unless `NO_COLOR` is set.
struct Progress {
    let enabled: Bool
    let colour: Bool

    init(quiet: Bool) {
        let terminal = isatty(2) != 0
        enabled = !quiet && terminal
        colour = terminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// `    ...Indexing`: a step that has started.
    func started(_ message: String) { write("    ...\(message)") }

    /// `    ✓ Indexed 14 packages`.
    func done(_ message: String) { write("    " + paint("✓", 32) + " " + message) }

    /// `    ✗ Detected 3 vulnerable packages …`.
    func failed(_ message: String) { write("    " + paint("✗", 31) + " " + message) }

    /// A line that begins with its own mark (`✓ …` or `✗ …`), as `CVEsReport.summaryLine` gives it.
    func summary(_ line: String) {
        if line.hasPrefix("✗ ") { failed(String(line.dropFirst(2))) } else if line.hasPrefix("✓ ") { done(String(line.dropFirst(2))) } else { write("    " + line) }
    }

    private func paint(_ mark: String, _ code: Int) -> String {
        colour ? "\u{1B}[\(code)m\(mark)\u{1B}[0m" : mark
    }

    private func write(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Writes a report to `--output` or stdout.
enum ReportOutput {
    static func emit(_ text: String, to output: String?, progress: Progress) throws {
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw OutputError(path: output, cause: error.localizedDescription)
            }
            progress.done("Report written to \(output)")
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}

/// The report file could not be written.
struct OutputError: Error, CustomStringConvertible {
    var path: String
    var cause: String
    var description: String { "Failed to write the report to '\(path)': \(cause)." }
}
